package codes

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/netverify/netverify/solver/reach"
)

// TestEveryCodeIsDescribed: every explanation code the packet walk declares
// and every reason code the API solver writes has an entry, and every entry
// is a code that is given.
func TestEveryCodeIsDescribed(t *testing.T) {
	given := map[string]bool{}
	for _, c := range []reach.Code{
		reach.CodeNgwRequiresSourceInVpc, reach.CodeUnknownResource, reach.CodeNoPath,
		reach.CodeNoPossibleDestination, reach.CodeNoRouteToDestination, reach.CodeNoSourceOrDestination,
		reach.CodeBadState, reach.CodeBadStateRoute, reach.CodeProtocolRestriction,
		reach.CodeEniSgRulesMismatch, reach.CodeSgReferencesNotPreserved, reach.CodeSubnetAclRestriction,
		reach.CodeEniSourceDestCheckRestriction, reach.CodeIgwDestinationAddressNotInRfc1918Egress,
		reach.CodeIgwPublicIpAssociationForEgress, reach.CodeIgwPrivateIpAssociationForIngress,
		reach.CodeIgwSourceAddressNotInRfc1918Ingress, reach.CodePcxRequiresAddressInVpcCidr,
		reach.CodeVgwPrivateIpAssociationForIngress, reach.CodeVpceGatewayProtocolRestriction,
		reach.CodeTgwRouteAzRestriction, reach.CodeTgwAttachMissingTgwRtbAssociation,
		reach.CodeTgwRtbCannotRoute, reach.CodeTgwRtbBadStateRoute,
		reach.CodeElbv2ListenerHasNoTg, reach.CodeElbv2ListenersMismatch,
	} {
		given[string(c)] = true
	}
	// The API solver writes its codes as literals: Reason{Code: "X", ...}.
	files, _ := filepath.Glob("../../solver/http/*.go")
	lit := regexp.MustCompile(`Code: "([A-Z0-9_]+)"`)
	for _, f := range files {
		if filepath.Ext(f) == ".go" && !regexp.MustCompile(`_test\.go$`).MatchString(f) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range lit.FindAllStringSubmatch(string(data), -1) {
				given[m[1]] = true
			}
		}
	}
	if len(given) < 40 {
		t.Fatalf("found %d codes; the scan of solver/http lost them", len(given))
	}
	described := map[string]bool{}
	for _, e := range All() {
		if described[e.Code] {
			t.Errorf("%s is described twice", e.Code)
		}
		described[e.Code] = true
		if e.Meaning == "" || e.Check == "" {
			t.Errorf("%s lacks a meaning or what to check", e.Code)
		}
	}
	for c := range given {
		if !described[c] {
			t.Errorf("code %s is given in answers but `netverify explain %s` does not describe it", c, c)
		}
	}
	for c := range described {
		if !given[c] {
			t.Errorf("%s is described but no answer gives it", c)
		}
	}
}

func TestLookup(t *testing.T) {
	e, err := Lookup("subnet-acl-restriction")
	if err != nil || e.Code != "SUBNET_ACL_RESTRICTION" {
		t.Fatalf("Lookup = %v, %v", e, err)
	}
	if _, err := Lookup("NO_SUCH_CODE"); err == nil {
		t.Fatal("an unknown code was found")
	}
}
