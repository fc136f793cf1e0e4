package awsjson

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	apigwtypes "github.com/aws/aws-sdk-go-v2/service/apigateway/types"
	"github.com/aws/aws-sdk-go-v2/service/apigatewayv2"

	"github.com/netverify/netverify/model"
)

// API Gateway custom domain names (R9.9): the names themselves (endpoint
// type, the Regional or CloudFront name to point DNS at, the resource policy
// of a private one), their base-path or API mappings to stages, and the
// access associations that let a consumer's execute-api endpoint call a
// private one.

// domainNames reads `aws apigateway get-domain-names` ({"items": [...]}).
func domainNames(c *fileCtx, out *apigateway.GetDomainNamesOutput, ps []pos) {
	for i, d := range out.Items {
		c.domainName(d, at(ps, i))
	}
}

// domainNamesLive reads the live importer's ApiGatewayDomainNames.json,
// which holds the same items under the member ApiGatewayDomainNames.
func domainNamesLive(c *fileCtx, out *struct{ ApiGatewayDomainNames []apigwtypes.DomainName }, ps []pos) {
	for i, d := range out.ApiGatewayDomainNames {
		c.domainName(d, at(ps, i))
	}
}

func (c *fileCtx) domainName(d apigwtypes.DomainName, p pos) {
	name := str(d.DomainName)
	x := &model.DomainName{Meta: c.arnMeta(domainID(name, str(d.DomainNameId)), str(d.DomainNameArn), p), DomainName: name,
		RegionalDomainName: str(d.RegionalDomainName), DistributionDomainName: str(d.DistributionDomainName),
		Policy: unescapePolicy(str(d.Policy))}
	x.MutualTLS = d.MutualTlsAuthentication != nil && str(d.MutualTlsAuthentication.TruststoreUri) != ""
	x.SetTags(d.Tags)
	if e := d.EndpointConfiguration; e != nil {
		for _, t := range e.Types {
			x.EndpointTypes = append(x.EndpointTypes, string(t))
		}
	}
	if len(x.EndpointTypes) == 0 {
		x.EndpointTypes = []string{guessEndpointType(x, str(d.DomainNameId))}
		x.Assume("endpoint type not printed; " + x.EndpointTypes[0] + " assumed from the domain's target names")
	}
	c.part.DomainNames = append(c.part.DomainNames, x)
}

// domainID names a custom domain: a private one is "name+domainNameId", as in
// its ARN, because several accounts can each own a private domain of one name.
func domainID(name, id string) string {
	if id == "" {
		return name
	}
	return name + "+" + id
}

// guessEndpointType reads the type from what AWS gave the domain: only
// private domains have a domainNameId; a CloudFront name means EDGE (the
// default before endpoint types existed).
func guessEndpointType(d *model.DomainName, domainNameID string) string {
	if domainNameID != "" {
		return "PRIVATE"
	}
	if d.RegionalDomainName != "" && d.DistributionDomainName == "" {
		return "REGIONAL"
	}
	return "EDGE"
}

// domainNamesV2 reads `aws apigatewayv2 get-domain-names`.
func domainNamesV2(c *fileCtx, out *apigatewayv2.GetDomainNamesOutput, ps []pos) {
	for i, d := range out.Items {
		name := str(d.DomainName)
		x := &model.DomainName{Meta: c.arnMeta(name, str(d.DomainNameArn), at(ps, i)), DomainName: name}
		x.SetTags(d.Tags)
		for _, cfg := range d.DomainNameConfigurations {
			t := string(cfg.EndpointType)
			if t == "" {
				t = "REGIONAL" // API Gateway v2 domains are Regional
			}
			x.EndpointTypes = appendUnique(x.EndpointTypes, t)
			if x.RegionalDomainName == "" {
				x.RegionalDomainName = str(cfg.ApiGatewayDomainName)
			}
		}
		c.part.DomainNames = append(c.part.DomainNames, x)
	}
}

// basePathMappings reads ApiGatewayBasePathMappings.json:
// [{DomainName, DomainNameId, items: <aws apigateway get-base-path-mappings output>}].
func basePathMappings(c *fileCtx, out *struct {
	ApiGatewayBasePathMappings []struct {
		DomainName   *string
		DomainNameId *string
		apigateway.GetBasePathMappingsOutput
	}
}, ps []pos) {
	for i, w := range out.ApiGatewayBasePathMappings {
		var ms []model.BasePathMapping
		for _, m := range w.Items {
			ms = append(ms, model.BasePathMapping{BasePath: str(m.BasePath), API: str(m.RestApiId), Stage: str(m.Stage)})
		}
		c.addMappings(domainID(str(w.DomainName), str(w.DomainNameId)), ms, at(ps, i))
	}
}

// apiMappings reads ApiGatewayV2ApiMappings.json:
// [{DomainName, Items: <aws apigatewayv2 get-api-mappings output>}].
func apiMappings(c *fileCtx, out *struct {
	ApiGatewayV2ApiMappings []struct {
		DomainName *string
		apigatewayv2.GetApiMappingsOutput
	}
}, ps []pos) {
	for i, w := range out.ApiGatewayV2ApiMappings {
		var ms []model.BasePathMapping
		for _, m := range w.Items {
			ms = append(ms, model.BasePathMapping{BasePath: str(m.ApiMappingKey), API: str(m.ApiId), Stage: str(m.Stage)})
		}
		c.addMappings(str(w.DomainName), ms, at(ps, i))
	}
}

func (c *fileCtx) addMappings(id string, ms []model.BasePathMapping, p pos) {
	src := c.src(p)
	c.fixup(func(l *linker) {
		if d := l.domain(id); d != nil {
			d.Mappings = append(d.Mappings, ms...)
		} else {
			l.warn(src, id, "API mappings of custom domain %s, which is not in the snapshot; ignored", id)
		}
	})
}

// accessAssociations reads `aws apigateway get-domain-name-access-associations`:
// each item lets one VPC endpoint call a private custom domain (R9.9, S30).
func accessAssociations(c *fileCtx, out *apigateway.GetDomainNameAccessAssociationsOutput, ps []pos) {
	for i, a := range out.Items {
		arn, source, src := str(a.DomainNameArn), str(a.AccessAssociationSource), c.src(at(ps, i))
		if t := string(a.AccessAssociationSourceType); t != "" && !strings.EqualFold(t, "VPCE") {
			c.diags.Infof(src, arn, "access association of %s has source type %s; only VPCE is modelled; skipped", arn, t)
			continue
		}
		c.fixup(func(l *linker) {
			if d := l.domain(arn); d != nil {
				d.AccessAssociations = appendUnique(d.AccessAssociations, source)
			} else {
				l.warn(src, arn, "access association of custom domain %s, which is not in the snapshot; ignored", arn)
			}
		})
	}
}

// domain finds a custom domain by ID, ARN or, when only one has it, name.
func (l *linker) domain(ref string) *model.DomainName {
	if l.domains == nil {
		l.domains = map[string]*model.DomainName{}
		byName := map[string]int{}
		for _, d := range l.s.DomainNames {
			l.domains[d.ID] = d
			if d.ARN != "" {
				l.domains[d.ARN] = d
			}
			byName[d.DomainName]++
		}
		for _, d := range l.s.DomainNames {
			if _, taken := l.domains[d.DomainName]; !taken && byName[d.DomainName] == 1 {
				l.domains[d.DomainName] = d
			}
		}
	}
	return l.domains[ref]
}
