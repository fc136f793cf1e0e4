package awsapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"sync"
)

// layout maps every file the importer writes to its top-level member, as in
// awsjson.Files (a test checks that they agree). Wrapper files hold
// [{ParentId, <member of the child call>}].
var layout = map[string]string{
	"Vpcs": "Vpcs", "Subnets": "Subnets", "RouteTables": "RouteTables", "NetworkAcls": "NetworkAcls",
	"SecurityGroups": "SecurityGroups", "SecurityGroupRules": "SecurityGroupRules",
	"NetworkInterfaces": "NetworkInterfaces", "Reservations": "Reservations", "NatGateways": "NatGateways",
	"InternetGateways": "InternetGateways", "EgressOnlyInternetGateways": "EgressOnlyInternetGateways",
	"VpcEndpoints": "VpcEndpoints", "VpcEndpointServices": "ServiceDetails",
	"VpcEndpointServiceConfigurations": "ServiceConfigurations", "VpcPeeringConnections": "VpcPeeringConnections",
	"TransitGateways": "TransitGateways", "TransitGatewayAttachments": "TransitGatewayAttachments",
	"TransitGatewayVpcAttachments": "TransitGatewayVpcAttachments", "TransitGatewayPeeringAttachments": "TransitGatewayPeeringAttachments",
	"TransitGatewayRouteTables": "TransitGatewayRouteTables", "TransitGatewayStaticRoutes": "TransitGatewayStaticRoutes",
	"TransitGatewayPropagations": "TransitGatewayPropagations", "TransitGatewayAssociations": "TransitGatewayAssociations",
	"VpnGateways": "VpnGateways", "VpnConnections": "VpnConnections", "CustomerGateways": "CustomerGateways",
	"PrefixLists": "PrefixLists", "ManagedPrefixListEntries": "ManagedPrefixListEntries",
	"Addresses": "Addresses", "AvailabilityZones": "AvailabilityZones", "DhcpOptions": "DhcpOptions",
	"LoadBalancers": "LoadBalancers", "LoadBalancerListeners": "LoadBalancerListeners",
	"LoadBalancerAttributes": "LoadBalancerAttributes", "TargetGroups": "TargetGroups",
	"TargetGroupAttributes": "TargetGroupAttributes", "LoadBalancerTargetHealth": "LoadBalancerTargetHealth",
	"DirectConnectGateways": "DirectConnectGateways", "VirtualInterfaces": "VirtualInterfaces",
	"DirectConnectGatewayAssociations": "DirectConnectGatewayAssociations",
	"ResolverEndpoints":                "ResolverEndpoints", "ResolverEndpointIpAddresses": "ResolverEndpointIpAddresses",
	"ResolverRules": "ResolverRules", "ResolverRuleAssociations": "ResolverRuleAssociations",
	"FirewallRuleGroupAssociations": "FirewallRuleGroupAssociations", "FirewallConfigs": "FirewallConfigs",
	"FirewallDomainLists": "FirewallDomainLists", "FirewallDomains": "FirewallDomains", "FirewallRules": "FirewallRules",
	"SecurityGroupVpcAssociations": "SecurityGroupVpcAssociations",
	"HostedZones":                  "HostedZones", "HostedZoneRecordSets": "HostedZoneRecordSets", "HostedZoneVpcs": "HostedZoneVpcs",
	"ApiGatewayRestApis": "items", "ApiGatewayVpcLinks": "items", "ApiGatewayStages": "ApiGatewayStages",
	"ApiGatewayResources": "ApiGatewayResources", "ApiGatewayAuthorizers": "ApiGatewayAuthorizers", "HttpApiAuthorizers": "HttpApiAuthorizers",
	"ApiGatewayV2Apis": "Items", "ApiGatewayV2VpcLinks": "Items", "HttpApiRoutes": "HttpApiRoutes",
	"HttpApiIntegrations": "HttpApiIntegrations", "LambdaFunctions": "Functions",
	// Custom domain names (R9.9), read by awsjson as model.DomainName.
	"ApiGatewayDomainNames": "ApiGatewayDomainNames",
}

// vpcAttributeFile prefixes the per-VPC attribute files (a whole object, no
// member): awsjson selects its describe-vpc-attribute reader by these words.
const vpcAttributeFile = "DescribeVpcAttribute_"

// fileSet collects the files of one scope; goroutines fill it concurrently.
type fileSet struct {
	mu    sync.Mutex
	files map[string]*outFile
}

// outFile is one file: a list under its member, a wrapper list, or one object.
type outFile struct {
	value   any // the list, or the whole object when the member is ""
	wrapped []wrapped
	parts   map[string]any // lists from one call per parent, joined in ID order
	n       int
}

type wrapped struct {
	id string
	v  map[string]any
}

func newFileSet() *fileSet { return &fileSet{files: map[string]*outFile{}} }

func (f *fileSet) get(name string) *outFile {
	o := f.files[name]
	if o == nil {
		o = &outFile{}
		f.files[name] = o
	}
	return o
}

func (f *fileSet) list(name string, items any, n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	o := f.get(name)
	o.value, o.n = items, n
}

func (f *fileSet) object(name string, v any) {
	f.list(name, v, 1)
}

func (f *fileSet) ensure(name string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.get(name)
}

// wrap adds one element {parentKey: id, ...} to a wrapper file; n counts its items.
func (f *fileSet) wrap(name, id string, elem map[string]any, n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	o := f.get(name)
	o.wrapped = append(o.wrapped, wrapped{id: id, v: elem})
	o.n += n
}

// appendPart adds the items (a slice) that one call about parent id returned
// to a plain list file: the parts are joined in ID order when written.
func (f *fileSet) appendPart(name, id string, items any, n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	o := f.get(name)
	if o.parts == nil {
		o.parts = map[string]any{}
	}
	o.parts[id] = items
	o.n += n
}

// joined returns the parts as one list, in ID order.
func (o *outFile) joined() []any {
	keys := make([]string, 0, len(o.parts))
	for k := range o.parts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	all := []any{}
	for _, k := range keys {
		v := reflect.ValueOf(o.parts[k])
		for i := 0; v.Kind() == reflect.Slice && i < v.Len(); i++ {
			all = append(all, v.Index(i).Interface())
		}
	}
	return all
}

// document builds the JSON value of a file: {member: list}, or the object itself.
func (o *outFile) document(name string) any {
	member, ok := layout[name]
	if !ok || member == "" {
		return o.value
	}
	if o.parts != nil {
		return map[string]any{member: o.joined()}
	}
	if o.value == nil {
		sort.Slice(o.wrapped, func(i, j int) bool { return o.wrapped[i].id < o.wrapped[j].id })
		elems := make([]map[string]any, len(o.wrapped))
		for i, w := range o.wrapped {
			elems[i] = w.v
		}
		return map[string]any{member: elems}
	}
	if v := reflect.ValueOf(o.value); v.Kind() == reflect.Slice && v.IsNil() {
		return map[string]any{member: []any{}}
	}
	return map[string]any{member: o.value}
}

// write writes every file of f into dir and returns the item count per file.
func (f *fileSet) write(dir string) (map[string]int, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for name, o := range f.files {
		data, err := encode(o.document(name))
		if err != nil {
			return nil, fmt.Errorf("awsapi: %s: %w", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".json"), data, 0o644); err != nil {
			return nil, err
		}
		counts[name+".json"] = o.n
	}
	return counts, nil
}

// encode marshals v with the SDK's field names (the CLI's), removes secrets
// and SDK metadata, and indents it as the CLI does.
func encode(v any) ([]byte, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "    ")
	err = enc.Encode(scrub(tree))
	return buf.Bytes(), err
}
