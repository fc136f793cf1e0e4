package synth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// decoded is a generated estate read back through the aws-sdk-go-v2 output
// types, as importers/awsjson reads it, with the account and Region of
// every file.
type decoded struct {
	accounts, regions map[string]bool
	vpcs              []types.Vpc
	subnets           []types.Subnet
	routeTables       []types.RouteTable
	acls              []types.NetworkAcl
	sgs               []types.SecurityGroup
	enis              []types.NetworkInterface
	instances         []types.Instance
	nats              []types.NatGateway
	igws              []types.InternetGateway
	endpoints         []types.VpcEndpoint
	peerings          []types.VpcPeeringConnection
	addresses         []types.Address
	prefixLists       []types.PrefixList
	tgws              []types.TransitGateway
	tgwRTs            []types.TransitGatewayRouteTable
	tgwAttach         []types.TransitGatewayAttachment
	tgwVpcAttach      []types.TransitGatewayVpcAttachment
	tgwPeerAttach     []types.TransitGatewayPeeringAttachment
	tgwStatic         []staticRoutes
	tgwProps          []propagations
}

// staticRoutes and propagations are the Batfish collector's wrappers.
type staticRoutes struct {
	AdditionalRoutesAvailable  bool
	Routes                     []types.TransitGatewayRoute
	TransitGatewayRouteTableId *string
}

type propagations struct {
	TransitGatewayRouteTableId           *string
	TransitGatewayRouteTablePropagations []types.TransitGatewayRouteTablePropagation
}

// decodeStrict decodes one file and fails on any field the SDK type lacks,
// so a misspelt field name cannot hide.
func decodeStrict(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if bytes.Contains(b, []byte("null")) {
		t.Errorf("%s: contains null; the CLI prints [] or omits the field", path)
	}
}

// loadEstate reads every file under dir/accounts.
func loadEstate(t *testing.T, dir string) *decoded {
	t.Helper()
	d := &decoded{accounts: map[string]bool{}, regions: map[string]bool{}}
	root := filepath.Join(dir, "accounts")
	err := filepath.WalkDir(root, func(path string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		parts := strings.Split(rel, string(filepath.Separator))
		if len(parts) != 3 || len(parts[0]) != 12 {
			t.Errorf("%s: not accounts/<12-digit account>/<region>/<Key>.json", rel)
			return nil
		}
		d.accounts[parts[0]], d.regions[parts[1]] = true, true
		d.decodeFile(t, path, strings.TrimSuffix(parts[2], ".json"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func (d *decoded) decodeFile(t *testing.T, path, key string) {
	t.Helper()
	switch key {
	case "Vpcs":
		var o ec2.DescribeVpcsOutput
		decodeStrict(t, path, &o)
		d.vpcs = append(d.vpcs, o.Vpcs...)
	case "Subnets":
		var o ec2.DescribeSubnetsOutput
		decodeStrict(t, path, &o)
		d.subnets = append(d.subnets, o.Subnets...)
	case "RouteTables":
		var o ec2.DescribeRouteTablesOutput
		decodeStrict(t, path, &o)
		d.routeTables = append(d.routeTables, o.RouteTables...)
	case "NetworkAcls":
		var o ec2.DescribeNetworkAclsOutput
		decodeStrict(t, path, &o)
		d.acls = append(d.acls, o.NetworkAcls...)
	case "SecurityGroups":
		var o ec2.DescribeSecurityGroupsOutput
		decodeStrict(t, path, &o)
		d.sgs = append(d.sgs, o.SecurityGroups...)
	case "NetworkInterfaces":
		var o ec2.DescribeNetworkInterfacesOutput
		decodeStrict(t, path, &o)
		d.enis = append(d.enis, o.NetworkInterfaces...)
	case "Reservations":
		var o ec2.DescribeInstancesOutput
		decodeStrict(t, path, &o)
		for _, r := range o.Reservations {
			d.instances = append(d.instances, r.Instances...)
		}
	default:
		d.decodeGateways(t, path, key)
	}
}

func (d *decoded) decodeGateways(t *testing.T, path, key string) {
	t.Helper()
	switch key {
	case "NatGateways":
		var o ec2.DescribeNatGatewaysOutput
		decodeStrict(t, path, &o)
		d.nats = append(d.nats, o.NatGateways...)
	case "InternetGateways":
		var o ec2.DescribeInternetGatewaysOutput
		decodeStrict(t, path, &o)
		d.igws = append(d.igws, o.InternetGateways...)
	case "VpcEndpoints":
		var o ec2.DescribeVpcEndpointsOutput
		decodeStrict(t, path, &o)
		d.endpoints = append(d.endpoints, o.VpcEndpoints...)
	case "VpcPeeringConnections":
		var o ec2.DescribeVpcPeeringConnectionsOutput
		decodeStrict(t, path, &o)
		d.peerings = append(d.peerings, o.VpcPeeringConnections...)
	case "Addresses":
		var o ec2.DescribeAddressesOutput
		decodeStrict(t, path, &o)
		d.addresses = append(d.addresses, o.Addresses...)
	case "PrefixLists":
		var o ec2.DescribePrefixListsOutput
		decodeStrict(t, path, &o)
		d.prefixLists = append(d.prefixLists, o.PrefixLists...)
	case "AvailabilityZones":
		var o ec2.DescribeAvailabilityZonesOutput
		decodeStrict(t, path, &o)
	default:
		d.decodeTGW(t, path, key)
	}
}

func (d *decoded) decodeTGW(t *testing.T, path, key string) {
	t.Helper()
	switch key {
	case "TransitGateways":
		var o ec2.DescribeTransitGatewaysOutput
		decodeStrict(t, path, &o)
		d.tgws = append(d.tgws, o.TransitGateways...)
	case "TransitGatewayRouteTables":
		var o ec2.DescribeTransitGatewayRouteTablesOutput
		decodeStrict(t, path, &o)
		d.tgwRTs = append(d.tgwRTs, o.TransitGatewayRouteTables...)
	case "TransitGatewayAttachments":
		var o ec2.DescribeTransitGatewayAttachmentsOutput
		decodeStrict(t, path, &o)
		d.tgwAttach = append(d.tgwAttach, o.TransitGatewayAttachments...)
	case "TransitGatewayVpcAttachments":
		var o ec2.DescribeTransitGatewayVpcAttachmentsOutput
		decodeStrict(t, path, &o)
		d.tgwVpcAttach = append(d.tgwVpcAttach, o.TransitGatewayVpcAttachments...)
	case "TransitGatewayPeeringAttachments":
		var o ec2.DescribeTransitGatewayPeeringAttachmentsOutput
		decodeStrict(t, path, &o)
		d.tgwPeerAttach = append(d.tgwPeerAttach, o.TransitGatewayPeeringAttachments...)
	case "TransitGatewayStaticRoutes":
		var o struct{ TransitGatewayStaticRoutes []staticRoutes }
		decodeStrict(t, path, &o)
		d.tgwStatic = append(d.tgwStatic, o.TransitGatewayStaticRoutes...)
	case "TransitGatewayPropagations":
		var o struct{ TransitGatewayPropagations []propagations }
		decodeStrict(t, path, &o)
		d.tgwProps = append(d.tgwProps, o.TransitGatewayPropagations...)
	default:
		t.Errorf("%s: unexpected file %s", path, key)
	}
}

// must is the value of an SDK string pointer, failing on nil.
func must(t *testing.T, what string, p *string) string {
	t.Helper()
	if p == nil {
		t.Errorf("%s is missing", what)
		return ""
	}
	return *p
}

// ids indexes items by ID and fails on duplicates.
func ids[T any](t *testing.T, kind string, items []T, id func(T) *string) map[string]T {
	t.Helper()
	m := make(map[string]T, len(items))
	for _, it := range items {
		k := must(t, kind+" ID", id(it))
		if _, dup := m[k]; dup {
			t.Errorf("%s %s listed twice", kind, k)
		}
		m[k] = it
	}
	return m
}

func fmtSet(m map[string]int) string {
	var b strings.Builder
	for k, v := range m {
		fmt.Fprintf(&b, "%s=%d ", k, v)
	}
	return b.String()
}
