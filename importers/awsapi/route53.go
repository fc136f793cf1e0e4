package awsapi

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
)

// collectRoute53 reads, in the account's home region only (Route 53 is
// global), the hosted zones, their record sets and, for private zones, the
// VPCs they are associated with (R6: a private zone answers only in its VPCs).
func collectRoute53(s *scope) {
	if !s.home {
		return
	}
	c := route53.NewFromConfig(s.cfg)
	p := route53.NewListHostedZonesPaginator(c, nil)
	zones, ok := list(s, "HostedZones", p.HasMorePages, p.NextPage, func(o *route53.ListHostedZonesOutput) []types.HostedZone { return o.HostedZones })
	if !ok {
		return
	}
	private := map[string]bool{}
	for _, z := range zones {
		private[aws.ToString(z.Id)] = z.Config != nil && z.Config.PrivateZone
	}
	forEach(s, ids(zones, func(z types.HostedZone) *string { return z.Id }), []string{"HostedZoneRecordSets", "HostedZoneVpcs"}, func(id string) {
		route53Records(s, c, id)
		if private[id] {
			route53ZoneVPCs(s, c, id)
		}
	})
}

func route53Records(s *scope, c *route53.Client, id string) {
	p := route53.NewListResourceRecordSetsPaginator(c, &route53.ListResourceRecordSetsInput{HostedZoneId: aws.String(bareZoneID(id))})
	rs, ok := pages(s, id, p.HasMorePages, p.NextPage, func(o *route53.ListResourceRecordSetsOutput) []types.ResourceRecordSet {
		return o.ResourceRecordSets
	})
	if ok {
		s.files.wrap("HostedZoneRecordSets", id, map[string]any{"HostedZoneId": id, "ResourceRecordSets": rs}, len(rs))
	}
}

// route53ZoneVPCs reads a private zone's VPC associations (get-hosted-zone).
func route53ZoneVPCs(s *scope, c *route53.Client, id string) {
	out, ok := single(s, id, func(ctx context.Context) (*route53.GetHostedZoneOutput, error) {
		return c.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(bareZoneID(id))})
	}, func(o *route53.GetHostedZoneOutput) int { return len(o.VPCs) })
	if ok {
		s.files.wrap("HostedZoneVpcs", id, map[string]any{"HostedZoneId": id, "VPCs": out.VPCs}, len(out.VPCs))
	}
}

// bareZoneID turns "/hostedzone/Z123" into "Z123", as the API expects.
func bareZoneID(id string) string { return strings.TrimPrefix(id, "/hostedzone/") }
