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
	// Authorization is the REST method's authorization type: NONE, AWS_IAM,
	// CUSTOM (a Lambda authorizer) or COGNITO_USER_POOLS ("" = NONE).
	Authorization string `json:"authorization,omitempty"`
	// AuthorizerID names the method's authorizer (CUSTOM, COGNITO_USER_POOLS).
	AuthorizerID string `json:"authorizerId,omitempty"`
	// APIKeyRequired: the method wants an API key of a usage plan of the stage (R9.14).
	APIKeyRequired bool `json:"apiKeyRequired,omitempty"`
}

// Authorizer is an API Gateway authorizer: a Lambda authorizer (TOKEN or
// REQUEST), a Cognito user pool authorizer, or (HTTP APIs) a JWT authorizer.
type Authorizer struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// Type is TOKEN, REQUEST, COGNITO_USER_POOLS or JWT.
	Type string `json:"type"`
	// ProviderARNs are the Cognito user pools; URI the Lambda authorizer's function.
	ProviderARNs   []string `json:"providerArns,omitempty"`
	URI            string   `json:"uri,omitempty"`
	IdentitySource string   `json:"identitySource,omitempty"`
	Issuer         string   `json:"issuer,omitempty"`
	Audience       []string `json:"audience,omitempty"`
}

// Stage is a deployed stage of an API.
type Stage struct {
	Name         string `json:"name"`
	DeploymentID string `json:"deploymentId,omitempty"`
	// Variables are the stage variables (${stageVariables.alias} in a Lambda integration URI).
	Variables map[string]string `json:"variables,omitempty"`
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
	Authorizers               []Authorizer  `json:"authorizers,omitempty"`
	// EndpointAccessMode is STRICT or BASIC with an enhanced security
	// policy ("" = none set): STRICT requires the TLS server name to match
	// the host the request names (R9.19).
	EndpointAccessMode string `json:"endpointAccessMode,omitempty"`
	// APIKeySource is HEADER (x-api-key, the default) or AUTHORIZER.
	APIKeySource string `json:"apiKeySource,omitempty"`
	// MethodsListed is true when the input lists the API's resources and
	// methods (get-resources, the template's methods or events): only then
	// is a request to a path with no method answered 403 with certainty.
	MethodsListed bool `json:"methodsListed,omitempty"`
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
	// Authorization is NONE, AWS_IAM, JWT or CUSTOM ("" = NONE).
	Authorization string `json:"authorization,omitempty"`
	AuthorizerID  string `json:"authorizerId,omitempty"`
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
	Authorizers               []Authorizer  `json:"authorizers,omitempty"`
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
	// MutualTLS: the domain requires client certificates (a truststore).
	MutualTLS bool `json:"mutualTls,omitempty"`
}
