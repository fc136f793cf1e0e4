package http

import (
	"fmt"
	"regexp"
	"strings"

	mdns "github.com/miekg/dns"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/dns"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/reach"
)

// serviceWord is what an AWS service is called in an endpoint service name:
// ssm, sqs, s3, ecr.api, secretsmanager...
var serviceWord = regexp.MustCompile(`^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)?$`)

// IsServiceWord reports whether name could be an AWS service ("ssm").
func IsServiceWord(name string) bool { return serviceWord.MatchString(name) }

// Service resolves an AWS service by name the way an SDK in the client
// would: <svc>.<region>.amazonaws.com through the client's DNS, which gives
// the interface endpoint when its private DNS applies, else the public front
// end (R7.12, R8.5, R11.5). It returns the endpoint to connect to.
func (c *Caller) Service(from, svc string) (reach.Endpoint, *dns.Result, error) {
	cl, err := c.client(from)
	if err != nil {
		return reach.Endpoint{}, nil, err
	}
	region := c.clientRegion(cl.ep)
	if region == "" {
		return reach.Endpoint{}, nil, fmt.Errorf("cannot tell the Region of %s to form the %s service name", from, svc)
	}
	host := svc + "." + region + ".amazonaws.com"
	res, err := c.dns.Resolve(cl.origin, host, mdns.TypeA)
	if err != nil {
		return reach.Endpoint{}, nil, err
	}
	if !res.Resolved() {
		return reach.Endpoint{}, res, fmt.Errorf("%s does not resolve from %s (%s)", host, from, res.RcodeString())
	}
	dst, err := names.ByIP(c.net, svc, res.Addrs()[0])
	if err != nil {
		return reach.Endpoint{}, res, err
	}
	dst.Name = svc
	return dst, res, nil
}

// Source is the packet endpoint of a client name, including a Lambda
// function outside any VPC, which sends from AWS's network (R11.1); note
// says so when it applies.
func (c *Caller) Source(from string) (ep reach.Endpoint, note string, err error) {
	cl, err := c.client(from)
	return cl.ep, cl.note, err
}

func (c *Caller) clientRegion(ep reach.Endpoint) string {
	if ep.Kind == reach.AtENI && ep.ENI.VPC != nil && ep.ENI.VPC.M.Region != "" {
		return ep.ENI.VPC.M.Region
	}
	return regionOf(c.snap, &model.Meta{})
}

// inactivePrivateDNS returns an interface endpoint for svc in vpc whose
// private DNS does not answer the service's default name, and why: private
// DNS is off on the endpoint, or the VPC lacks enableDnsSupport or
// enableDnsHostnames, without which no endpoint's private DNS applies (R7.12).
func inactivePrivateDNS(snap *model.Snapshot, vpc *model.VPC, svc string) (*model.VPCEndpoint, string, string) {
	for _, ep := range snap.VPCEndpoints {
		if ep.VPC != vpc.ID || ep.Type != model.EndpointInterface || !strings.HasSuffix(ep.ServiceName, "."+svc) {
			continue
		}
		switch {
		case !vpc.EnableDNSSupport || !vpc.EnableDNSHostnames:
			var off []string
			if !vpc.EnableDNSSupport {
				off = append(off, "enableDnsSupport")
			}
			if !vpc.EnableDNSHostnames {
				off = append(off, "enableDnsHostnames")
			}
			attrs := strings.Join(off, " and ")
			return ep, fmt.Sprintf("%s is an interface endpoint for %s in %s, but its private DNS is inactive: %s is off on %s (R7.12), so the name resolves to the public front end",
					ep.ID, svc, vpc.ID, attrs, vpc.ID),
				fmt.Sprintf("turn on %s on %s so that the service name resolves to %s (R7.12)", attrs, vpc.ID, ep.ID)
		case !ep.PrivateDNSEnabled:
			return ep, fmt.Sprintf("%s is an interface endpoint for %s in %s, but its private DNS is off, so the name resolves to the public front end (R7.12)", ep.ID, svc, vpc.ID),
				fmt.Sprintf("enable private DNS on %s so that the service name resolves to it (R7.12)", ep.ID)
		}
	}
	return nil, "", ""
}

// ExplainService corrects the explanations of an answer about the AWS
// service svc that the client from reached at its public front end: when
// the client's VPC has an interface endpoint for svc whose private DNS is
// inactive, the fix is to activate it, not a route to the public address.
func (c *Caller) ExplainService(from, svc string, a *reach.Answer) {
	cl, err := c.client(from)
	if err != nil || cl.ep.Kind != reach.AtENI || cl.ep.ENI.VPC == nil || a.Reachable() {
		return
	}
	ep, why, fix := inactivePrivateDNS(c.snap, cl.ep.ENI.VPC.M, svc)
	if ep == nil {
		return
	}
	for i, e := range a.Explanations {
		if e.Direction == reach.DirForward && (e.Code == "NO_ROUTE_TO_DESTINATION" || e.Code == "NGW_REQUIRES_SOURCE_IN_VPC") {
			a.Explanations[i].Detail = e.Detail + "; " + why
			a.Explanations[i].Fix = fix + " (or give the subnet a route to the internet through a NAT gateway)"
		}
	}
}
