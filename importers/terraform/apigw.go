package terraform

import (
	"strings"

	"github.com/netverify/netverify/model"
)

func init() {
	register(1, mapRestAPI, "aws_api_gateway_rest_api")
	register(2, mapRestAPIPolicy, "aws_api_gateway_rest_api_policy")
	register(2, mapRestStage, "aws_api_gateway_stage")
	register(1, mapRestVPCLink, "aws_api_gateway_vpc_link")
	register(1, mapHTTPAPI, "aws_apigatewayv2_api")
	register(2, mapHTTPIntegration, "aws_apigatewayv2_integration")
	register(2, mapHTTPRoute, "aws_apigatewayv2_route")
	register(2, mapHTTPStage, "aws_apigatewayv2_stage")
	register(1, mapV2VPCLink, "aws_apigatewayv2_vpc_link")
}

// mapRestAPI: endpoint_configuration.types defaults to EDGE (R9.1); a private
// API without a policy denies every call (R9.4).
func mapRestAPI(b *builder, r *resource, o obj) {
	a := &model.RestAPI{Meta: b.meta(r, o), APIName: o.str("name"), Policy: o.str("policy"),
		DisableExecuteAPIEndpoint: o.boolean("disable_execute_api_endpoint", false), APIKeySource: o.str("api_key_source")}
	for _, ec := range o.blocks("endpoint_configuration") {
		a.EndpointTypes = ec.strs("types")
		a.VPCEndpointIDs = ec.strs("vpc_endpoint_ids")
	}
	if len(a.EndpointTypes) == 0 {
		a.EndpointTypes = []string{"EDGE"}
	}
	b.s.RestAPIs = append(b.s.RestAPIs, a)
}

func (b *builder) restAPI(r *resource, o obj) (*model.RestAPI, bool) {
	id := o.str("rest_api_id")
	a, ok := lookup[*model.RestAPI](b, id)
	if !ok {
		b.warnDangling(r, "rest_api_id", "REST API", id)
	}
	return a, ok
}

func mapRestAPIPolicy(b *builder, r *resource, o obj) {
	if a, ok := b.restAPI(r, o); ok {
		a.Policy = o.str("policy")
	}
}

func mapRestStage(b *builder, r *resource, o obj) {
	if a, ok := b.restAPI(r, o); ok {
		a.Stages = append(a.Stages, model.Stage{Name: o.str("stage_name"), DeploymentID: o.str("deployment_id"), Variables: o.strMap("variables")})
	}
}

// mapRestVPCLink: a REST API VPC link reaches NLBs through PrivateLink (R8.7).
func mapRestVPCLink(b *builder, r *resource, o obj) {
	b.s.VPCLinks = append(b.s.VPCLinks, &model.VPCLink{Meta: b.meta(r, o), Version: "REST_V1", TargetARNs: o.strs("target_arns")})
}

// mapV2VPCLink: an HTTP API VPC link places ENIs in the subnets (R8.8).
func mapV2VPCLink(b *builder, r *resource, o obj) {
	b.s.VPCLinks = append(b.s.VPCLinks, &model.VPCLink{Meta: b.meta(r, o), Version: "V2",
		Subnets: o.strs("subnet_ids"), SecurityGroups: o.strs("security_group_ids")})
}

func mapHTTPAPI(b *builder, r *resource, o obj) {
	b.s.HTTPAPIs = append(b.s.HTTPAPIs, &model.HTTPAPI{Meta: b.meta(r, o), APIName: o.str("name"),
		ProtocolType: o.str("protocol_type"), Endpoint: o.str("api_endpoint"),
		DisableExecuteAPIEndpoint: o.boolean("disable_execute_api_endpoint", false)})
}

func (b *builder) httpAPI(r *resource, o obj) (*model.HTTPAPI, bool) {
	id := o.str("api_id")
	a, ok := lookup[*model.HTTPAPI](b, id)
	if !ok {
		b.warnDangling(r, "api_id", "HTTP API", id)
	}
	return a, ok
}

func mapHTTPIntegration(b *builder, r *resource, o obj) {
	if a, ok := b.httpAPI(r, o); ok {
		a.Integrations = append(a.Integrations, model.Integration{ID: b.d.id(r), Type: o.str("integration_type"),
			URI: o.str("integration_uri"), ConnectionType: o.str("connection_type"), ConnectionID: o.str("connection_id"),
			Method: o.str("integration_method")})
	}
}

func mapHTTPRoute(b *builder, r *resource, o obj) {
	if a, ok := b.httpAPI(r, o); ok {
		a.Routes = append(a.Routes, model.HTTPRoute{Key: o.str("route_key"), Integration: o.str("target"),
			Authorization: strings.ToUpper(o.str("authorization_type")), AuthorizerID: o.str("authorizer_id")})
	}
}

func mapHTTPStage(b *builder, r *resource, o obj) {
	if a, ok := b.httpAPI(r, o); ok {
		a.Stages = append(a.Stages, model.Stage{Name: o.str("name"), DeploymentID: o.str("deployment_id"), Variables: o.strMap("stage_variables")})
	}
}
