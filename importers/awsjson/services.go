package awsjson

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	"github.com/aws/aws-sdk-go-v2/service/apigatewayv2"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/aws/aws-sdk-go-v2/service/route53resolver"
	rslvtypes "github.com/aws/aws-sdk-go-v2/service/route53resolver/types"

	"github.com/netverify/netverify/model"
)

func resolverEndpoints(c *fileCtx, out *route53resolver.ListResolverEndpointsOutput, ps []pos) {
	for i, e := range out.ResolverEndpoints {
		c.resolverEndpoint(e, at(ps, i))
	}
}

func resolverEndpoint(c *fileCtx, out *route53resolver.GetResolverEndpointOutput, ps []pos) {
	if out.ResolverEndpoint != nil {
		c.resolverEndpoint(*out.ResolverEndpoint, at(ps, 0))
	}
}

func (c *fileCtx) resolverEndpoint(e rslvtypes.ResolverEndpoint, p pos) {
	x := &model.ResolverEndpoint{Meta: c.arnMeta(str(e.Id), str(e.Arn), p), Direction: string(e.Direction), VPC: str(e.HostVPCId),
		SecurityGroups: e.SecurityGroupIds, Status: string(e.Status), IPs: []model.ResolverIP{}}
	x.Name = str(e.Name)
	for _, pr := range e.Protocols {
		x.Protocols = append(x.Protocols, string(pr))
	}
	c.part.ResolverEndpoints = append(c.part.ResolverEndpoints, x)
}

// resolverEndpointIPs reads ResolverEndpointIpAddresses.json:
// [{ResolverEndpointId, IpAddresses: <list-resolver-endpoint-ip-addresses output>}].
func resolverEndpointIPs(c *fileCtx, out *struct {
	ResolverEndpointIpAddresses []struct {
		ResolverEndpointId *string
		route53resolver.ListResolverEndpointIpAddressesOutput
	}
}, ps []pos) {
	for i, w := range out.ResolverEndpointIpAddresses {
		c.resolverIPs(str(w.ResolverEndpointId), w.IpAddresses, at(ps, i))
	}
}

func resolverIPsByName(c *fileCtx, out *route53resolver.ListResolverEndpointIpAddressesOutput, ps []pos) {
	id := idInName(c.path, "rslvr-")
	if id == "" {
		c.diags.Warnf(c.src(at(ps, 0)), "", "%s: resolver endpoint IP addresses without the endpoint's ID; use ResolverEndpointIpAddresses.json; skipped", c.path)
		return
	}
	c.resolverIPs(id, out.IpAddresses, at(ps, 0))
}

func (c *fileCtx) resolverIPs(id string, as []rslvtypes.IpAddressResponse, p pos) {
	src := c.src(p)
	var ips []model.ResolverIP
	for _, a := range as {
		ip, ok := c.addr(str(a.Ip), src, id, "Ip")
		if !ok {
			ip, _ = c.addr(str(a.Ipv6), src, id, "Ipv6")
		}
		ips = append(ips, model.ResolverIP{Subnet: str(a.SubnetId), IP: ip})
	}
	c.fixup(func(l *linker) {
		if e, ok := l.resolvers[id]; ok {
			e.IPs = append(e.IPs, ips...)
		} else {
			l.warn(src, id, "IP addresses of resolver endpoint %s, which is not in the snapshot; ignored", id)
		}
	})
}

func resolverRules(c *fileCtx, out *route53resolver.ListResolverRulesOutput, ps []pos) {
	for i, r := range out.ResolverRules {
		c.resolverRule(r, at(ps, i))
	}
}

func resolverRule(c *fileCtx, out *route53resolver.GetResolverRuleOutput, ps []pos) {
	if out.ResolverRule != nil {
		c.resolverRule(*out.ResolverRule, at(ps, 0))
	}
}

func (c *fileCtx) resolverRule(r rslvtypes.ResolverRule, p pos) {
	x := &model.ResolverRule{Meta: c.arnMeta(str(r.Id), str(r.Arn), p), DomainName: trimDot(str(r.DomainName)),
		RuleType: string(r.RuleType), OutboundEndpoint: str(r.ResolverEndpointId), OwnerID: str(r.OwnerId), ShareStatus: string(r.ShareStatus)}
	if x.DomainName == "" {
		x.DomainName = "."
	}
	x.Name = str(r.Name)
	for _, t := range r.TargetIps {
		ip, ok := c.addr(str(t.Ip), x.Source, x.ID, "TargetIps.Ip")
		if !ok {
			ip, _ = c.addr(str(t.Ipv6), x.Source, x.ID, "TargetIps.Ipv6")
		}
		x.Targets = append(x.Targets, model.RuleTarget{IP: ip, Port: uint16(i32(t.Port, 0))})
	}
	c.part.ResolverRules = append(c.part.ResolverRules, x)
}

func trimDot(s string) string {
	if s == "." {
		return s
	}
	return strings.TrimSuffix(s, ".")
}

func ruleAssociations(c *fileCtx, out *route53resolver.ListResolverRuleAssociationsOutput, ps []pos) {
	for i, a := range out.ResolverRuleAssociations {
		c.ruleAssociation(a, at(ps, i))
	}
}

func ruleAssociation(c *fileCtx, out *route53resolver.GetResolverRuleAssociationOutput, ps []pos) {
	if out.ResolverRuleAssociation != nil {
		c.ruleAssociation(*out.ResolverRuleAssociation, at(ps, 0))
	}
}

func (c *fileCtx) ruleAssociation(a rslvtypes.ResolverRuleAssociation, p pos) {
	rule, vpc, src := str(a.ResolverRuleId), str(a.VPCId), c.src(p)
	if a.Status == rslvtypes.ResolverRuleAssociationStatusDeleting || a.Status == rslvtypes.ResolverRuleAssociationStatusFailed {
		return
	}
	c.fixup(func(l *linker) {
		if r, ok := l.rules[rule]; ok {
			r.VPCs = appendUnique(r.VPCs, vpc)
		} else {
			l.warn(src, rule, "association of resolver rule %s (with %s), which is not in the snapshot; ignored", rule, vpc)
		}
	})
}

func hostedZones(c *fileCtx, out *route53.ListHostedZonesOutput, ps []pos) {
	for i, z := range out.HostedZones {
		id := strings.TrimPrefix(str(z.Id), "/hostedzone/")
		m := c.meta(id, at(ps, i), nil, nil)
		m.Region = "" // Route 53 is global
		x := &model.HostedZone{Meta: m, ZoneName: trimDot(str(z.Name))}
		if z.Config != nil {
			x.Private = z.Config.PrivateZone
		}
		c.part.HostedZones = append(c.part.HostedZones, x)
	}
}

// zoneRecords reads HostedZoneRecordSets.json: [{HostedZoneId, ResourceRecordSets}].
func zoneRecords(c *fileCtx, out *struct {
	HostedZoneRecordSets []struct {
		HostedZoneId *string
		route53.ListResourceRecordSetsOutput
	}
}, ps []pos) {
	for i, w := range out.HostedZoneRecordSets {
		id, src := strings.TrimPrefix(str(w.HostedZoneId), "/hostedzone/"), c.src(at(ps, i))
		var rs []model.RecordSet
		for _, r := range w.ResourceRecordSets {
			rs = append(rs, recordSet(r, src))
		}
		c.fixup(func(l *linker) {
			if z, ok := l.zones[id]; ok {
				z.Records = append(z.Records, rs...)
			} else {
				l.warn(src, id, "record sets of hosted zone %s, which is not in the snapshot; ignored", id)
			}
		})
	}
}

func recordSet(r r53types.ResourceRecordSet, src model.Source) model.RecordSet {
	x := model.RecordSet{Name: trimDot(strings.ReplaceAll(str(r.Name), `\052`, "*")), Type: string(r.Type), SetIdentifier: str(r.SetIdentifier),
		Weight: r.Weight, Source: src}
	if r.TTL != nil {
		x.TTL = *r.TTL
	}
	for _, v := range r.ResourceRecords {
		x.Values = append(x.Values, str(v.Value))
	}
	if a := r.AliasTarget; a != nil {
		x.Alias = &model.AliasTarget{DNSName: trimDot(str(a.DNSName)), HostedZoneID: str(a.HostedZoneId), EvaluateTargetHealth: a.EvaluateTargetHealth}
	}
	return x
}

// zoneVPCs reads HostedZoneVpcs.json: [{HostedZoneId, VPCs}] (the VPCs of get-hosted-zone).
func zoneVPCs(c *fileCtx, out *struct {
	HostedZoneVpcs []struct {
		HostedZoneId *string
		route53.GetHostedZoneOutput
	}
}, ps []pos) {
	for i, w := range out.HostedZoneVpcs {
		id, src := strings.TrimPrefix(str(w.HostedZoneId), "/hostedzone/"), c.src(at(ps, i))
		var vs []model.ZoneVPC
		for _, v := range w.VPCs {
			vs = append(vs, model.ZoneVPC{VPC: str(v.VPCId), Region: string(v.VPCRegion)})
		}
		c.fixup(func(l *linker) {
			if z, ok := l.zones[id]; ok {
				z.VPCs = append(z.VPCs, vs...)
			} else {
				l.warn(src, id, "VPC associations of hosted zone %s, which is not in the snapshot; ignored", id)
			}
		})
	}
}

func restAPIs(c *fileCtx, out *apigateway.GetRestApisOutput, ps []pos) {
	for i, a := range out.Items {
		x := &model.RestAPI{Meta: c.meta(str(a.Id), at(ps, i), nil, nil), APIName: str(a.Name), Policy: unescapePolicy(str(a.Policy)),
			EndpointAccessMode:        string(a.EndpointAccessMode),
			DisableExecuteAPIEndpoint: a.DisableExecuteApiEndpoint, EndpointTypes: []string{}, APIKeySource: string(a.ApiKeySource)}
		x.SetTags(a.Tags)
		if x.Name == "" {
			x.Name = x.APIName
		}
		if e := a.EndpointConfiguration; e != nil {
			for _, t := range e.Types {
				x.EndpointTypes = append(x.EndpointTypes, string(t))
			}
			x.VPCEndpointIDs = e.VpcEndpointIds
		}
		if len(x.EndpointTypes) == 0 {
			x.EndpointTypes = []string{"EDGE"} // the default before endpointConfiguration existed
			x.Assume("endpoint type not printed; EDGE (the default) assumed")
		}
		c.part.RestAPIs = append(c.part.RestAPIs, x)
	}
}

func restAPI(c *fileCtx, out *apigateway.GetRestApiOutput, ps []pos) {
	w := &apigateway.GetRestApisOutput{}
	w.Items = append(w.Items, restAPIOf(out))
	restAPIs(c, w, ps)
}

// unescapePolicy undoes the JSON-in-JSON escaping API Gateway prints policies with.
func unescapePolicy(p string) string { return strings.ReplaceAll(p, `\"`, `"`) }

func vpcLinksV1(c *fileCtx, out *apigateway.GetVpcLinksOutput, ps []pos) {
	for i, v := range out.Items {
		x := &model.VPCLink{Meta: c.meta(str(v.Id), at(ps, i), nil, nil), Version: "REST_V1", TargetARNs: v.TargetArns, Status: string(v.Status)}
		x.SetTags(v.Tags)
		if x.Name == "" {
			x.Name = str(v.Name)
		}
		c.part.VPCLinks = append(c.part.VPCLinks, x)
	}
}

// apiStages reads ApiGatewayStages.json: [{RestApiId, item: <get-stages output>}].
func apiStages(c *fileCtx, out *struct {
	ApiGatewayStages []struct {
		RestApiId *string
		apigateway.GetStagesOutput
	}
}, ps []pos) {
	for i, w := range out.ApiGatewayStages {
		id, src := str(w.RestApiId), c.src(at(ps, i))
		var st []model.Stage
		for _, s := range w.Item {
			st = append(st, model.Stage{Name: str(s.StageName), DeploymentID: str(s.DeploymentId), Variables: s.Variables})
		}
		c.fixup(func(l *linker) {
			if a, ok := l.restAPIs[id]; ok {
				a.Stages = append(a.Stages, st...)
			} else {
				l.warn(src, id, "stages of REST API %s, which is not in the snapshot; ignored", id)
			}
		})
	}
}

// apiResources reads ApiGatewayResources.json: [{RestApiId, items: <get-resources --embed methods output>}];
// each method becomes an Integration with its authorization (R9.13, R9.17,
// R9.14), also one without an integration (Type ""), and the API's methods
// are then known (R9.15).
func apiResources(c *fileCtx, out *struct {
	ApiGatewayResources []struct {
		RestApiId *string
		apigateway.GetResourcesOutput
	}
}, ps []pos) {
	for i, w := range out.ApiGatewayResources {
		id, src := str(w.RestApiId), c.src(at(ps, i))
		var ins []model.Integration
		for _, r := range w.Items {
			for verb, m := range r.ResourceMethods {
				in := model.Integration{Method: verb, Path: str(r.Path), Authorization: str(m.AuthorizationType),
					AuthorizerID: str(m.AuthorizerId), APIKeyRequired: boolv(m.ApiKeyRequired)}
				if g := m.MethodIntegration; g != nil {
					in.Type, in.URI, in.ConnectionType, in.ConnectionID = string(g.Type), str(g.Uri), string(g.ConnectionType), str(g.ConnectionId)
				}
				ins = append(ins, in)
			}
		}
		sortIntegrations(ins)
		c.fixup(func(l *linker) {
			if a, ok := l.restAPIs[id]; ok {
				a.Integrations = append(a.Integrations, ins...)
				a.MethodsListed = true
			} else {
				l.warn(src, id, "resources of REST API %s, which is not in the snapshot; ignored", id)
			}
		})
	}
}

func httpAPIs(c *fileCtx, out *apigatewayv2.GetApisOutput, ps []pos) {
	for i, a := range out.Items {
		x := &model.HTTPAPI{Meta: c.meta(str(a.ApiId), at(ps, i), nil, nil), APIName: str(a.Name), ProtocolType: string(a.ProtocolType),
			Endpoint: str(a.ApiEndpoint), DisableExecuteAPIEndpoint: boolv(a.DisableExecuteApiEndpoint)}
		x.SetTags(a.Tags)
		if x.Name == "" {
			x.Name = x.APIName
		}
		c.part.HTTPAPIs = append(c.part.HTTPAPIs, x)
	}
}

// httpRoutes reads HttpApiRoutes.json: [{ApiId, Items: <get-routes output>}].
func httpRoutes(c *fileCtx, out *struct {
	HttpApiRoutes []struct {
		ApiId *string
		apigatewayv2.GetRoutesOutput
	}
}, ps []pos) {
	for i, w := range out.HttpApiRoutes {
		id, src := str(w.ApiId), c.src(at(ps, i))
		var rs []model.HTTPRoute
		for _, r := range w.Items {
			rs = append(rs, model.HTTPRoute{Key: str(r.RouteKey), Integration: strings.TrimPrefix(str(r.Target), "integrations/"),
				Authorization: string(r.AuthorizationType), AuthorizerID: str(r.AuthorizerId)})
		}
		c.fixup(func(l *linker) {
			if a, ok := l.httpAPIs[id]; ok {
				a.Routes = append(a.Routes, rs...)
			} else {
				l.warn(src, id, "routes of HTTP API %s, which is not in the snapshot; ignored", id)
			}
		})
	}
}

// httpIntegrations reads HttpApiIntegrations.json: [{ApiId, Items: <get-integrations output>}].
func httpIntegrations(c *fileCtx, out *struct {
	HttpApiIntegrations []struct {
		ApiId *string
		apigatewayv2.GetIntegrationsOutput
	}
}, ps []pos) {
	for i, w := range out.HttpApiIntegrations {
		id, src := str(w.ApiId), c.src(at(ps, i))
		var ins []model.Integration
		for _, g := range w.Items {
			ins = append(ins, model.Integration{ID: str(g.IntegrationId), Type: string(g.IntegrationType), URI: str(g.IntegrationUri),
				ConnectionType: string(g.ConnectionType), ConnectionID: str(g.ConnectionId), Method: str(g.IntegrationMethod)})
		}
		c.fixup(func(l *linker) {
			if a, ok := l.httpAPIs[id]; ok {
				a.Integrations = append(a.Integrations, ins...)
			} else {
				l.warn(src, id, "integrations of HTTP API %s, which is not in the snapshot; ignored", id)
			}
		})
	}
}

func vpcLinksV2(c *fileCtx, out *apigatewayv2.GetVpcLinksOutput, ps []pos) {
	for i, v := range out.Items {
		x := &model.VPCLink{Meta: c.meta(str(v.VpcLinkId), at(ps, i), nil, nil), Version: "V2", Subnets: v.SubnetIds,
			SecurityGroups: v.SecurityGroupIds, Status: string(v.VpcLinkStatus)}
		x.SetTags(v.Tags)
		if x.Name == "" {
			x.Name = str(v.Name)
		}
		c.part.VPCLinks = append(c.part.VPCLinks, x)
	}
}

// functions maps Lambda functions. Environment is dropped by the scanner
// before decoding, so variables (often secrets) never reach memory we keep.
func functions(c *fileCtx, out *lambda.ListFunctionsOutput, ps []pos) {
	for i, f := range out.Functions {
		c.function(f, at(ps, i))
	}
}

func functionConfig(c *fileCtx, out *lambdatypes.FunctionConfiguration, ps []pos) {
	c.function(*out, at(ps, 0))
}

func (c *fileCtx) function(f lambdatypes.FunctionConfiguration, p pos) {
	x := &model.LambdaFunction{Meta: c.arnMeta(str(f.FunctionName), str(f.FunctionArn), p), Runtime: string(f.Runtime)}
	x.Name = x.ID
	if v := f.VpcConfig; v != nil {
		x.VPC, x.Subnets, x.SecurityGroups = str(v.VpcId), v.SubnetIds, v.SecurityGroupIds
		x.IPv6AllowedForDualStack = boolv(v.Ipv6AllowedForDualStack)
	}
	c.part.LambdaFunctions = append(c.part.LambdaFunctions, x)
}

// functionURLs reads `aws lambda list-function-url-configs` output (one file
// per function, or several merged): each URL goes on its function (R11.7).
func functionURLs(c *fileCtx, out *lambda.ListFunctionUrlConfigsOutput, ps []pos) {
	for i, u := range out.FunctionUrlConfigs {
		arn, src := str(u.FunctionArn), c.src(at(ps, i))
		name, qual := arn, ""
		if j := strings.Index(name, ":function:"); j >= 0 {
			name = name[j+len(":function:"):]
		}
		if n, q, ok := strings.Cut(name, ":"); ok {
			name, qual = n, q
		}
		fu := model.FunctionURL{AuthType: string(u.AuthType), Qualifier: qual, URL: str(u.FunctionUrl), Source: src}
		c.fixup(func(l *linker) {
			for _, f := range l.s.LambdaFunctions {
				if f.ID == name || f.ARN == arn || f.Name == name {
					f.URLs = append(f.URLs, fu)
					return
				}
			}
			l.warn(src, name, "function URL of Lambda function %s, which is not in the snapshot; ignored", name)
		})
	}
}
