package model

// Integration is how an API Gateway route or method reaches its backend (R9.13).
type Integration struct {
	ID             string `json:"id,omitempty"`
	Type           string `json:"type"` // AWS_PROXY, AWS, HTTP, HTTP_PROXY, MOCK
	URI            string `json:"uri,omitempty"`
	ConnectionType string `json:"connectionType,omitempty"` // INTERNET or VPC_LINK
	ConnectionID   string `json:"connectionId,omitempty"`   // VPC link ID
	Method         string `json:"method,omitempty"`
	Path           string `json:"path,omitempty"` // REST resource path
}

// Stage is a deployed stage of an API.
type Stage struct {
	Name         string `json:"name"`
	DeploymentID string `json:"deploymentId,omitempty"`
}

// RestAPI is an API Gateway REST API: edge, regional or private (section 9).
type RestAPI struct {
	Meta
	APIName                   string        `json:"apiName,omitempty"`
	EndpointTypes             []string      `json:"endpointTypes"` // EDGE, REGIONAL, PRIVATE
	VPCEndpointIDs            []string      `json:"vpcEndpointIds,omitempty"`
	Policy                    string        `json:"policy,omitempty"` // resource policy JSON; none = private API denies all (R9.4)
	DisableExecuteAPIEndpoint bool          `json:"disableExecuteApiEndpoint,omitempty"`
	Stages                    []Stage       `json:"stages,omitempty"`
	Integrations              []Integration `json:"integrations,omitempty"`
}

// Private reports whether the API's endpoint type is PRIVATE.
func (a *RestAPI) Private() bool {
	for _, t := range a.EndpointTypes {
		if equalFoldASCII(t, "PRIVATE") {
			return true
		}
	}
	return false
}

// HTTPRoute is one route of an HTTP API ("GET /pets" -> integration).
type HTTPRoute struct {
	Key         string `json:"key"`
	Integration string `json:"integration,omitempty"`
}

// HTTPAPI is an API Gateway v2 HTTP (or WebSocket) API, always Regional (R9.1).
type HTTPAPI struct {
	Meta
	APIName                   string        `json:"apiName,omitempty"`
	ProtocolType              string        `json:"protocolType,omitempty"` // HTTP, WEBSOCKET
	Endpoint                  string        `json:"endpoint,omitempty"`
	DisableExecuteAPIEndpoint bool          `json:"disableExecuteApiEndpoint,omitempty"`
	Stages                    []Stage       `json:"stages,omitempty"`
	Routes                    []HTTPRoute   `json:"routes,omitempty"`
	Integrations              []Integration `json:"integrations,omitempty"`
}

// VPCLink connects API Gateway to private backends (R8.7, R8.8).
type VPCLink struct {
	Meta
	Version        string   `json:"version"` // REST_V1 (NLB via PrivateLink) or V2 (ENIs in subnets)
	TargetARNs     []string `json:"targetArns,omitempty"`
	Subnets        []string `json:"subnets,omitempty"`
	SecurityGroups []string `json:"securityGroups,omitempty"`
	Status         string   `json:"status,omitempty"`
}

// BasePathMapping maps a custom domain path to an API stage.
type BasePathMapping struct {
	BasePath string `json:"basePath,omitempty"`
	API      string `json:"api"`
	Stage    string `json:"stage,omitempty"`
}

// DomainName is an API Gateway custom domain, public or private (R9.9).
type DomainName struct {
	Meta
	DomainName             string            `json:"domainName"`
	EndpointTypes          []string          `json:"endpointTypes,omitempty"`
	RegionalDomainName     string            `json:"regionalDomainName,omitempty"`
	DistributionDomainName string            `json:"distributionDomainName,omitempty"`
	Policy                 string            `json:"policy,omitempty"` // private custom domains
	Mappings               []BasePathMapping `json:"mappings,omitempty"`
	AccessAssociations     []string          `json:"accessAssociations,omitempty"` // vpce- IDs (R9.9, S30)
}
