package model

import (
	"net/netip"
	"slices"
	"testing"
)

// TestImplicitSites (issue 17, R6.3, R5.5): the on-premises ranges the input
// routes to a hybrid link become a site behind that link: a VPN's static
// routes, routes listed as propagated from a VGW (behind its BGP VPN), and
// TGW routes propagated from a VPN attachment. A scenario's site wins where
// it overlaps, and Derive run twice adds nothing more.
func TestImplicitSites(t *testing.T) {
	s := New()
	s.VPCs = []*VPC{{Meta: Meta{ID: "vpc-1"}, CIDRs: []netip.Prefix{dpfx("10.0.0.0/16")}}}
	s.VPNConnections = []*VPNConnection{
		{Meta: Meta{ID: "vpn-static"}, VPNGateway: "vgw-1", StaticRoutesOnly: true, Routes: []netip.Prefix{dpfx("192.168.0.0/16"), dpfx("172.16.0.0/16")}},
		{Meta: Meta{ID: "vpn-bgp"}, VPNGateway: "vgw-1"},
		{Meta: Meta{ID: "vpn-tgw"}, TransitGateway: "tgw-1"},
	}
	s.RouteTables = []*RouteTable{{Meta: Meta{ID: "rtb-1"}, VPC: "vpc-1", Routes: []Route{
		{Destination: dpfx("192.168.0.0/16"), Target: Target{Kind: TargetVGW, ID: "vgw-1"}, Origin: OriginPropagated},
		{Destination: dpfx("10.50.0.0/16"), Target: Target{Kind: TargetVGW, ID: "vgw-1"}, Origin: OriginPropagated},
	}}}
	s.TGWAttachments = []*TGWAttachment{{Meta: Meta{ID: "tgw-attach-vpn"}, TGW: "tgw-1", Type: TGWAttachVPN, ResourceID: "vpn-tgw"}}
	s.TGWRouteTables = []*TGWRouteTable{{Meta: Meta{ID: "tgw-rtb-1"}, TGW: "tgw-1", Routes: []TGWRoute{
		{Destination: dpfx("10.200.0.0/16"), Attachments: []string{"tgw-attach-vpn"}, Propagated: true, ResourceType: "vpn"},
	}}}
	s.Sites = []*OnPremSite{{Meta: Meta{ID: "dc", Name: "dc"}, CIDRs: []netip.Prefix{dpfx("172.16.0.0/12")}}}
	Derive(s)
	Derive(s)
	got := map[string][]netip.Prefix{}
	for _, site := range s.Sites {
		if site.Implicit {
			got[site.Links[0].Ref] = site.CIDRs
			if want := "implicit site behind " + site.Links[0].Ref; site.Name != want {
				t.Errorf("name %q, want %q", site.Name, want)
			}
		}
	}
	want := map[string][]netip.Prefix{
		"vpn-static": {dpfx("192.168.0.0/16")}, // 172.16.0.0/16 is inside the scenario's site dc
		"vpn-bgp":    {dpfx("10.50.0.0/16")},   // 192.168.0.0/16 is vpn-static's own route
		"vpn-tgw":    {dpfx("10.200.0.0/16")},
	}
	if len(got) != len(want) {
		t.Fatalf("implicit sites %v, want %v", got, want)
	}
	for k, w := range want {
		if !slices.Equal(got[k], w) {
			t.Errorf("site behind %s: %v, want %v", k, got[k], w)
		}
	}
	if n := len(s.Sites); n != 4 {
		t.Errorf("%d sites after two Derive runs, want 4", n)
	}
}
