package http

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
)

// API is one API Gateway API a question can target: a REST API or an HTTP API.
type API struct {
	ID, Name, Region, Account string
	Rest                      *model.RestAPI
	HTTP                      *model.HTTPAPI
}

// FindAPI looks an API up by ID, Name tag or API name. ok is false when the
// name is not an API, so callers can fall back to other kinds of endpoint.
func FindAPI(s *model.Snapshot, ix *model.Index, name string) (*API, bool) {
	if a, ok := model.Lookup[*model.RestAPI](ix, name); ok {
		return restAPI(s, a), true
	}
	if a, ok := model.Lookup[*model.HTTPAPI](ix, name); ok {
		return httpAPI(s, a), true
	}
	for _, a := range s.RestAPIs {
		if a.APIName != "" && a.APIName == name {
			return restAPI(s, a), true
		}
	}
	for _, a := range s.HTTPAPIs {
		if a.APIName != "" && a.APIName == name {
			return httpAPI(s, a), true
		}
	}
	return nil, false
}

// FindAPIByID returns the API whose ID is id.
func FindAPIByID(s *model.Snapshot, id string) (*API, bool) {
	for _, a := range s.RestAPIs {
		if a.ID == id {
			return restAPI(s, a), true
		}
	}
	for _, a := range s.HTTPAPIs {
		if a.ID == id {
			return httpAPI(s, a), true
		}
	}
	return nil, false
}

func restAPI(s *model.Snapshot, a *model.RestAPI) *API {
	return &API{ID: a.ID, Name: nameOf(&a.Meta, a.APIName), Region: regionOf(s, &a.Meta), Account: a.Account, Rest: a}
}

func httpAPI(s *model.Snapshot, a *model.HTTPAPI) *API {
	return &API{ID: a.ID, Name: nameOf(&a.Meta, a.APIName), Region: regionOf(s, &a.Meta), Account: a.Account, HTTP: a}
}

func nameOf(m *model.Meta, apiName string) string {
	if m.Name != "" {
		return m.Name
	}
	return apiName
}

// regionOf is the API's Region, else the only Region of the snapshot's VPCs.
func regionOf(s *model.Snapshot, m *model.Meta) string {
	if m.Region != "" {
		return m.Region
	}
	regions := map[string]bool{}
	for _, v := range s.VPCs {
		if v.Region != "" {
			regions[v.Region] = true
		}
	}
	if len(regions) == 1 {
		for r := range regions {
			return r
		}
	}
	return ""
}

// Label names the API for people: "private-api (a1b2c3d4e5)".
func (a *API) Label() string {
	if a.Name != "" && a.Name != a.ID {
		return a.Name + " (" + a.ID + ")"
	}
	return a.ID
}

// Private reports whether the API is a private REST API (R9.1).
func (a *API) Private() bool { return a.Rest != nil && a.Rest.Private() }

// Kind describes the API type: "private REST API", "Regional REST API", "HTTP API".
func (a *API) Kind() string {
	if a.HTTP != nil {
		if strings.EqualFold(a.HTTP.ProtocolType, "WEBSOCKET") {
			return "WebSocket API (Regional)"
		}
		return "HTTP API (Regional)"
	}
	types := a.Rest.EndpointTypes
	if len(types) == 0 {
		return "edge-optimized REST API"
	}
	switch strings.ToUpper(types[0]) {
	case "PRIVATE":
		return "private REST API"
	case "REGIONAL":
		return "Regional REST API"
	}
	return "edge-optimized REST API"
}

// Stages returns the deployed stage names.
func (a *API) Stages() []string {
	var st []model.Stage
	if a.Rest != nil {
		st = a.Rest.Stages
	} else {
		st = a.HTTP.Stages
	}
	out := make([]string, 0, len(st))
	for _, s := range st {
		out = append(out, s.Name)
	}
	sort.Strings(out)
	return out
}

// HasStage reports whether stage is deployed; an API with no stage data in
// the snapshot is assumed deployed (the caller notes the assumption).
func (a *API) HasStage(stage string) bool {
	st := a.Stages()
	if len(st) == 0 {
		return true
	}
	for _, s := range st {
		if s == stage || (a.HTTP != nil && s == "$default") {
			return true
		}
	}
	return false
}

// Policy is the API's resource policy JSON ("" when it has none).
func (a *API) Policy() string {
	if a.Rest != nil {
		return a.Rest.Policy
	}
	return ""
}

// DefaultDisabled reports whether the execute-api default endpoint is turned off.
func (a *API) DefaultDisabled() bool {
	if a.Rest != nil {
		return a.Rest.DisableExecuteAPIEndpoint
	}
	return a.HTTP.DisableExecuteAPIEndpoint
}

// DefaultHost is the API's default host name (R9.2).
func (a *API) DefaultHost() string {
	return a.ID + ".execute-api." + a.Region + ".amazonaws.com"
}

// ARN is the execute-api ARN of a request to stage, method and path.
func (a *API) ARN(stage, method, path string) string {
	return fmt.Sprintf("arn:aws:execute-api:%s:%s:%s/%s/%s/%s", a.Region, a.Account, a.ID, stage,
		method, strings.TrimPrefix(path, "/"))
}

// StageVariable returns the value of a stage variable of stage.
func (a *API) StageVariable(stage, name string) (string, bool) {
	st := a.HTTPStages()
	for _, s := range st {
		if s.Name == stage {
			v, ok := s.Variables[name]
			return v, ok
		}
	}
	return "", false
}

// HTTPStages returns the API's stages with their variables.
func (a *API) HTTPStages() []model.Stage {
	if a.Rest != nil {
		return a.Rest.Stages
	}
	return a.HTTP.Stages
}

// associated reports whether the API lists the endpoint in vpcEndpointIds (R9.5c).
func (a *API) associated(vpce string) bool {
	return a.Rest != nil && slices.Contains(a.Rest.VPCEndpointIDs, vpce)
}
