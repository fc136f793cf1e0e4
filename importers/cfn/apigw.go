package cfn

import (
	"strings"

	"github.com/netverify/netverify/model"
)

// restAPI converts a REST API; without EndpointConfiguration it is EDGE (R9.1).
func restAPI(imp *importer, r *resource, p props) {
	a := &model.RestAPI{Meta: p.meta(r.physicalID()), APIName: p.str("Name"),
		DisableExecuteAPIEndpoint: p.boolean("DisableExecuteApiEndpoint", false)}
	ec := p.sub(p.get("EndpointConfiguration"))
	a.EndpointTypes = upperAll(ec.strs("Types"))
	if len(a.EndpointTypes) == 0 {
		a.EndpointTypes = []string{"EDGE"}
	}
	a.VPCEndpointIDs = ec.strs("VpcEndpointIds")
	if pol := p.get("Policy"); pol != nil {
		a.Policy = policyJSON(p, "Policy", pol)
	}
	a.APIKeySource = strings.ToUpper(p.str("ApiKeySourceType"))
	imp.snap.RestAPIs = append(imp.snap.RestAPIs, a)
	imp.register(r, a)
}

func upperAll(xs []string) []string {
	for i := range xs {
		xs[i] = strings.ToUpper(xs[i])
	}
	return xs
}

func restStage(imp *importer, r *resource, p props) {
	a, ok := target[*model.RestAPI](p, "RestApiId", "REST API")
	if ok {
		a.Stages = appendStage(a.Stages, model.Stage{Name: p.str("StageName"), DeploymentID: p.str("DeploymentId"), Variables: p.strMap("Variables")})
	}
}

// strMap reads a map of strings (stage variables); unknown values are dropped with a warning.
func (p props) strMap(key string) map[string]string {
	v := p.get(key)
	if v == nil || v.Kind != KMap || len(v.Keys) == 0 {
		return nil
	}
	out := make(map[string]string, len(v.Keys))
	for _, k := range v.Keys {
		out[k] = p.strOf(key+"."+k, v.Map[k])
	}
	return out
}

func appendStage(xs []model.Stage, s model.Stage) []model.Stage {
	if s.Name == "" {
		return xs
	}
	for i := range xs {
		if xs[i].Name == s.Name {
			if xs[i].DeploymentID == "" {
				xs[i].DeploymentID = s.DeploymentID
			}
			if xs[i].Variables == nil {
				xs[i].Variables = s.Variables
			}
			return xs
		}
	}
	return append(xs, s)
}

// restDeployment with a StageName creates that stage.
func restDeployment(imp *importer, r *resource, p props) {
	a, ok := target[*model.RestAPI](p, "RestApiId", "REST API")
	if ok && p.str("StageName") != "" {
		vars := p.sub(p.get("StageDescription")).strMap("Variables")
		a.Stages = appendStage(a.Stages, model.Stage{Name: p.str("StageName"), DeploymentID: r.physicalID(), Variables: vars})
	}
}

// restMethod records the method, its authorization (R9.17, R9.14) and its
// integration on its API; a method without an Integration block is still a
// method (its Type is ""), so routing finds it (R9.15).
func restMethod(imp *importer, r *resource, p props) {
	a, ok := target[*model.RestAPI](p, "RestApiId", "REST API")
	if !ok {
		return
	}
	ip := p.sub(p.get("Integration"))
	in := model.Integration{ID: r.physicalID(), Type: strings.ToUpper(ip.str("Type")), URI: ip.str("Uri"),
		ConnectionType: ip.str("ConnectionType"), ConnectionID: ip.str("ConnectionId"), Method: strings.ToUpper(p.str("HttpMethod")),
		Path: imp.resourcePath(p.get("ResourceId")), Authorization: strings.ToUpper(p.str("AuthorizationType")),
		AuthorizerID: p.str("AuthorizerId"), APIKeyRequired: p.boolean("ApiKeyRequired", false)}
	a.Integrations = append(a.Integrations, in)
	a.MethodsListed = true
}

// resourcePath rebuilds "/a/b" from AWS::ApiGateway::Resource PathPart chains.
func (imp *importer) resourcePath(v *Value) string {
	id := ""
	if v != nil && v.Kind == KString {
		id = v.Str
	}
	var parts []string
	for depth := 0; depth < 32 && id != ""; depth++ {
		var next string
		for _, r := range imp.resources {
			if r.Type == "AWS::ApiGateway::Resource" && r.physicalID() == id {
				rp := imp.props(r)
				parts = append([]string{rp.str("PathPart")}, parts...)
				next = rp.str("ParentId")
			}
		}
		id = next
	}
	return "/" + strings.Join(parts, "/")
}

func vpcLinkV1(imp *importer, r *resource, p props) {
	l := &model.VPCLink{Meta: p.meta(r.physicalID()), Version: "REST_V1", TargetARNs: p.strs("TargetArns"), Status: "AVAILABLE"}
	imp.snap.VPCLinks = append(imp.snap.VPCLinks, l)
	imp.register(r, l)
}

func vpcLinkV2(imp *importer, r *resource, p props) {
	l := &model.VPCLink{Meta: p.meta(r.physicalID()), Version: "V2", Subnets: p.strs("SubnetIds"),
		SecurityGroups: p.strs("SecurityGroupIds"), Status: "AVAILABLE"}
	imp.snap.VPCLinks = append(imp.snap.VPCLinks, l)
	imp.register(r, l)
}

func domainName(imp *importer, r *resource, p props) {
	d := &model.DomainName{Meta: p.meta(r.physicalID()), DomainName: p.str("DomainName"),
		EndpointTypes: upperAll(p.sub(p.get("EndpointConfiguration")).strs("Types"))}
	if len(d.EndpointTypes) == 0 {
		d.EndpointTypes = []string{"EDGE"}
	}
	for _, t := range d.EndpointTypes {
		if t == "REGIONAL" {
			d.RegionalDomainName = attrTable[r.Type](imp.ev, r, d.ID, "RegionalDomainName").Str
		} else if t == "EDGE" {
			d.DistributionDomainName = attrTable[r.Type](imp.ev, r, d.ID, "DistributionDomainName").Str
		}
	}
	imp.snap.DomainNames = append(imp.snap.DomainNames, d)
	imp.register(r, d)
}

func basePathMapping(imp *importer, r *resource, p props) {
	d, ok := target[*model.DomainName](p, "DomainName", "custom domain name")
	if ok {
		d.Mappings = append(d.Mappings, model.BasePathMapping{BasePath: p.str("BasePath"), API: p.str("RestApiId"), Stage: p.str("Stage")})
	}
}

func httpAPI(imp *importer, r *resource, p props) {
	a := &model.HTTPAPI{Meta: p.meta(r.physicalID()), APIName: p.str("Name"), ProtocolType: strings.ToUpper(p.str("ProtocolType")),
		DisableExecuteAPIEndpoint: p.boolean("DisableExecuteApiEndpoint", false)}
	if a.ProtocolType == "" {
		a.ProtocolType = "HTTP"
	}
	a.Endpoint = "https://" + a.ID + ".execute-api." + r.region + ".amazonaws.com"
	if t := p.str("Target"); t != "" {
		// Quick create: a default route and $default stage with a Lambda proxy integration.
		in := model.Integration{ID: a.ID + "-quick", Type: "AWS_PROXY", URI: t}
		a.Integrations = append(a.Integrations, in)
		a.Routes = append(a.Routes, model.HTTPRoute{Key: defaultStr(p.str("RouteKey"), "$default"), Integration: in.ID})
		a.Stages = appendStage(a.Stages, model.Stage{Name: "$default"})
	}
	imp.snap.HTTPAPIs = append(imp.snap.HTTPAPIs, a)
	imp.register(r, a)
}

func defaultStr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func httpIntegration(imp *importer, r *resource, p props) {
	a, ok := target[*model.HTTPAPI](p, "ApiId", "HTTP API")
	if !ok {
		return
	}
	a.Integrations = append(a.Integrations, model.Integration{ID: r.physicalID(), Type: strings.ToUpper(p.str("IntegrationType")),
		URI: p.str("IntegrationUri"), ConnectionType: p.str("ConnectionType"), ConnectionID: p.str("ConnectionId"), Method: p.str("IntegrationMethod")})
}

func httpRoute(imp *importer, r *resource, p props) {
	a, ok := target[*model.HTTPAPI](p, "ApiId", "HTTP API")
	if !ok {
		return
	}
	a.Routes = append(a.Routes, model.HTTPRoute{Key: p.str("RouteKey"), Integration: strings.TrimPrefix(p.str("Target"), "integrations/"),
		Authorization: strings.ToUpper(p.str("AuthorizationType")), AuthorizerID: p.str("AuthorizerId")})
}

func httpStage(imp *importer, r *resource, p props) {
	if a, ok := target[*model.HTTPAPI](p, "ApiId", "HTTP API"); ok {
		a.Stages = appendStage(a.Stages, model.Stage{Name: p.str("StageName"), DeploymentID: p.str("DeploymentId"), Variables: p.strMap("StageVariables")})
	}
}
