package http

import (
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/dns"
)

// plan is a method before it is tried: the host to resolve and the headers sent.
type plan struct {
	form    Form
	host    string
	headers []string
	// names is the API the request names (R9.5); domain is set for custom domains.
	apiID  string
	api    *API
	domain *model.DomainName
	vpce   string // the endpoint a vpce- name or alias belongs to
}

// plans lists every way of calling api (R9.5): the default name, for each
// execute-api endpoint of the API's Region its endpoint-specific name with
// Host or x-apigw-api-id and its alias, and every custom domain mapped to it.
func (c *Caller) plans(api *API) []plan {
	out := []plan{{form: FormDefault, host: api.DefaultHost(), apiID: api.ID, api: api}}
	if api.Private() {
		for _, ep := range c.executeAPIEndpoints(api.Region) {
			name := regionalName(ep)
			out = append(out,
				plan{form: FormVPCEHost, host: name, headers: []string{"Host: " + api.DefaultHost()}, apiID: api.ID, api: api, vpce: ep.ID},
				plan{form: FormVPCEAPIID, host: name, headers: []string{"x-apigw-api-id: " + api.ID}, apiID: api.ID, api: api, vpce: ep.ID},
				plan{form: FormAlias, host: api.ID + "-" + ep.ID + ".execute-api." + api.Region + ".amazonaws.com", apiID: api.ID, api: api, vpce: ep.ID})
		}
	}
	for _, d := range c.domainsOf(api) {
		out = append(out, plan{form: FormDomain, host: strings.ToLower(d.DomainName), apiID: api.ID, api: api, domain: d})
	}
	return out
}

// executeAPIEndpoints returns the interface endpoints for execute-api in region, sorted by ID.
func (c *Caller) executeAPIEndpoints(region string) []*model.VPCEndpoint {
	var out []*model.VPCEndpoint
	for _, ep := range c.snap.VPCEndpoints {
		if ep.Type == model.EndpointInterface && isExecuteAPI(ep.ServiceName, region) {
			out = append(out, ep)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// isExecuteAPI: com.amazonaws.<region>.execute-api (R9.4 item 1).
func isExecuteAPI(service, region string) bool {
	if !strings.HasSuffix(service, ".execute-api") && service != "execute-api" {
		return false
	}
	return region == "" || service == "execute-api" || service == "com.amazonaws."+region+".execute-api"
}

// serviceRegion returns the Region of a com.amazonaws.<region>.<svc> name.
func serviceRegion(service string) string {
	parts := strings.Split(service, ".")
	if len(parts) >= 4 && parts[0] == "com" && parts[1] == "amazonaws" {
		return parts[2]
	}
	return ""
}

// regionalName is the endpoint's regional vpce- DNS name (R7.11): from its
// DNS entries when imported, else the stable synthetic one solver/dns uses.
func regionalName(ep *model.VPCEndpoint) string {
	best := ""
	for _, d := range ep.DNSEntries {
		n := strings.TrimSuffix(strings.ToLower(d.Name), ".")
		if !strings.HasPrefix(n, "vpce-") || !strings.HasSuffix(n, ".vpce.amazonaws.com") {
			continue
		}
		first, _, _ := strings.Cut(n, ".")
		if b, _, _ := strings.Cut(best, "."); best == "" || len(first) < len(b) {
			best = n
		}
	}
	if best != "" {
		return best
	}
	return dns.EndpointNames(ep, nil)[0]
}

// domainsOf returns the custom domain names with a base-path mapping to api, sorted.
func (c *Caller) domainsOf(api *API) []*model.DomainName {
	var out []*model.DomainName
	for _, d := range c.snap.DomainNames {
		if mapping(d, api) != nil {
			out = append(out, d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].DomainName < out[j].DomainName })
	return out
}

func mapping(d *model.DomainName, api *API) *model.BasePathMapping {
	for i, m := range d.Mappings {
		if m.API == api.ID || (api.Name != "" && m.API == api.Name) {
			return &d.Mappings[i]
		}
	}
	return nil
}

// privateDomain reports whether a custom domain is a private one (R9.9).
func privateDomain(d *model.DomainName) bool {
	for _, t := range d.EndpointTypes {
		if strings.EqualFold(t, "PRIVATE") {
			return true
		}
	}
	return false
}

// url renders the URL of a plan for stage.
func (p plan) url(stage string) string {
	if p.domain != nil {
		if m := p.domain.Mappings; len(m) > 0 {
			for _, bm := range m {
				if bm.API == p.apiID && bm.BasePath != "" && bm.BasePath != "(none)" {
					return "https://" + p.host + "/" + strings.Trim(bm.BasePath, "/") + "/"
				}
			}
		}
		return "https://" + p.host + "/"
	}
	if stage == "$default" { // served at the root (HTTP APIs)
		return "https://" + p.host + "/"
	}
	return "https://" + p.host + "/" + stage + "/"
}
