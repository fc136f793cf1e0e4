// Package codes describes the explanation codes answers carry (the "code"
// of an explanation, the reason of a way of calling an API): what each
// means and what to look at, for `netverify explain CODE`. The packet codes
// keep the names of AWS Reachability Analyzer's explanation codes where one
// fits; the descriptions are netverify's own.
package codes

import (
	"fmt"
	"slices"
	"strings"
)

// Entry is one code.
type Entry struct {
	Code string `json:"code"`
	// Area is "packet" (the walk of a packet) or "api" (a way of calling an API).
	Area string `json:"area"`
	// Meaning says what the answer found.
	Meaning string `json:"meaning"`
	// Check says what to look at or change.
	Check string `json:"check"`
	// Rules are the rules of docs/RULES.md the code is given under.
	Rules []string `json:"rules,omitempty"`
}

var entries = []Entry{
	// The walk of a packet (solver/reach).
	{"BAD_STATE", "packet", "A component on the path is not in a working state (for example a NAT gateway or an attachment that is pending, failed or deleted).", "The state of the component named in the answer.", nil},
	{"BAD_STATE_ROUTE", "packet", "The route that matches the destination is a blackhole: its target is gone or not usable.", "The route table named in the answer: replace or remove the blackhole route.", nil},
	{"ELBV2_LISTENER_HAS_NO_TG", "packet", "The load balancer listener that takes the connection forwards it to no target group.", "The listener's default action and rules.", nil},
	{"ELBV2_LISTENERS_MISMATCH", "packet", "No listener of the load balancer takes this protocol and port.", "The load balancer's listeners, or the port asked.", nil},
	{"ENI_SG_RULES_MISMATCH", "packet", "No rule of the interface's security groups allows the packet (groups only allow; nothing matched).", "The inbound rules of the destination's groups, the outbound rules of the source's.", nil},
	{"ENI_SOURCE_DEST_CHECK_RESTRICTION", "packet", "The interface drops a packet that is neither from nor to its own address because its source/destination check is on.", "Turn the check off on an interface that forwards traffic (NAT instance, appliance).", nil},
	{"IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS", "packet", "A packet to a private (RFC 1918) address was sent to the internet gateway, which does not route private destinations.", "The route table: private destinations need a private path.", nil},
	{"IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS", "packet", "A packet from the internet is addressed to a public address that no interface behind this internet gateway holds.", "The public or Elastic IP addresses of the destination.", nil},
	{"IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS", "packet", "The source leaves through the internet gateway without a public address, so the gateway cannot translate it.", "Give the interface a public or Elastic IP address, or send through a NAT gateway.", nil},
	{"IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS", "packet", "A packet entering from the internet claims a private (RFC 1918) source address.", "The source: internet hosts have public addresses.", nil},
	{"NGW_REQUIRES_SOURCE_IN_VPC", "packet", "The NAT gateway translates only packets from inside its VPC; this one came from elsewhere.", "Where the source sends from; a NAT gateway is not a transit path for other networks.", nil},
	{"NO_PATH", "packet", "No path connects the two ends at all.", "The routes between the two networks.", nil},
	{"NO_POSSIBLE_DESTINATION", "packet", "The destination address cannot be reached from where the packet is (for example a private address asked from the internet).", "Use an address that is reachable from the source, or a private path to it.", nil},
	{"NO_ROUTE_TO_DESTINATION", "packet", "No route of the route table (or of the site or gateway) on the path matches the destination.", "Add a route for the destination's range to the table named in the answer.", nil},
	{"NO_SOURCE_OR_DESTINATION", "packet", "An end of the question names nothing the packet can start or end at.", "The names given; `netverify inspect --list` lists what the input holds.", nil},
	{"PCX_REQUIRES_ADDRESS_IN_VPC_CIDR", "packet", "A peering connection carries only packets between the two VPCs' own ranges; peering is not transitive.", "Peer the VPCs directly, or use a transit gateway.", nil},
	{"PROTOCOL_RESTRICTION", "packet", "The component on the path does not carry this protocol or port.", "The protocol and port asked against what the component serves.", nil},
	{"SG_REFERENCES_NOT_PRESERVED", "packet", "A security-group rule names a group, but the packet arrives with an address that is not an interface of that group (for example across a transit gateway or after NAT).", "Allow the source's address range instead of the group.", nil},
	{"SUBNET_ACL_RESTRICTION", "packet", "A network ACL rule of the subnet denies the packet (the first matching rule decides; ACLs are stateless, so replies need their own rule).", "The ACL's inbound and outbound rules, including the ephemeral ports of replies.", nil},
	{"TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION", "packet", "The transit gateway attachment the packet arrives on is associated with no transit gateway route table.", "Associate the attachment with a route table.", nil},
	{"TGW_ROUTE_AZ_RESTRICTION", "packet", "The transit gateway's VPC attachment has no subnet in the Availability Zone the packet needs.", "Add a subnet of that Availability Zone to the attachment.", nil},
	{"TGW_RTB_BAD_STATE_ROUTE", "packet", "The matching route of the transit gateway route table is a blackhole.", "Replace or remove the blackhole route.", nil},
	{"TGW_RTB_CANNOT_ROUTE", "packet", "The transit gateway route table has no route (static or propagated) for the destination.", "Add a static route or enable propagation from the destination's attachment.", nil},
	{"UNKNOWN_RESOURCE", "packet", "The answer depends on a resource the input does not hold (a gateway, a group, a prefix list): it is unknown, not blocked.", "Import or add the resource named in the answer.", nil},
	{"VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS", "packet", "A packet from the VPN or Direct Connect side is addressed to an address no interface in the VPC holds.", "The destination address.", nil},
	{"VPCE_GATEWAY_PROTOCOL_RESTRICTION", "packet", "A gateway endpoint (S3, DynamoDB) carries only TCP to the service.", "Use TCP, or an interface endpoint.", nil},

	// The ways of calling an API (solver/http).
	{"API_NOT_ASSOCIATED", "api", "The request names an interface endpoint the private API does not list among its VPC endpoints.", "Add the endpoint to the API's vpcEndpointIds, or call through a listed one.", []string{"R9.5"}},
	{"MISSING_AUTHENTICATION_TOKEN", "api", "The REST API has no method for the request's path and method, so API Gateway answers 403 with the message Missing Authentication Token before any authorizer or policy runs.", "Call one of the API's methods, or add a method (or an ANY or {proxy+} resource) for the request.", []string{"R9.15"}},
	{"ENDPOINT_ACCESS_MODE_STRICT", "api", "The REST API uses endpoint access mode STRICT, which rejects a request whose TLS server name does not match the host it names: the endpoint's vpce- name with a Host or x-apigw-api-id header.", "Call the API by its default name through private DNS or by its endpoint alias, or set the access mode to BASIC.", []string{"R9.19"}},
	{"ROUTE_NOT_FOUND", "api", "The HTTP API has no route for the request's method and path and no $default route, so API Gateway answers 404 Not Found.", "Call one of the API's routes, or add a route or a $default route.", []string{"R9.16"}},
	{"LAMBDA_PERMISSION_DENIED", "api", "API Gateway accepts the request, but the Lambda function (or the alias or version the integration names) has no resource-based permission for apigateway.amazonaws.com from this request's ARN, so the client gets 500; or an Application Load Balancer forwards to a Lambda target group whose function does not let elasticloadbalancing.amazonaws.com invoke it (502).", "Add a lambda:InvokeFunction permission for apigateway.amazonaws.com (or elasticloadbalancing.amazonaws.com) with an aws:SourceArn that matches the request (or the target group).", []string{"R11.6", "R11.8"}},
	{"API_NOT_PRIVATE", "api", "The request reached an interface endpoint, which serves only private APIs, but the API is regional or edge-optimized.", "Call the API by its public name, or make it private.", []string{"R9.8", "R9.3"}},
	{"API_NO_RESOURCE_POLICY", "api", "The private API has no resource policy, so every call is denied.", "Attach a resource policy that allows the callers.", []string{"R9.4"}},
	{"DNS_INVALID_NAME", "api", "The host name of the request is not a valid DNS name.", "The URL of the call.", nil},
	{"DNS_NOT_RESOLVED", "api", "The host name of the request does not resolve from the caller.", "The DNS chain in the answer: the zone, forwarder or endpoint private DNS it lacks.", nil},
	{"DOMAIN_NOT_PRIVATE", "api", "A public custom domain resolves to an interface endpoint, which serves only private custom domains.", "The domain's DNS records, or make it a private custom domain.", []string{"R9.8"}},
	{"DOMAIN_NO_ACCESS_ASSOCIATION", "api", "The private custom domain has no access association with the endpoint the request reached.", "Create a domain name access association for that endpoint.", []string{"R9.9"}},
	{"DOMAIN_PRIVATE", "api", "A private custom domain was called through API Gateway's public front end, which does not serve it.", "Resolve the domain to an associated interface endpoint.", []string{"R9.9"}},
	{"EXECUTE_API_ENDPOINT_DISABLED", "api", "The API's default execute-api endpoint is disabled; only its custom domains answer.", "Call a custom domain of the API.", []string{"R9.2"}},
	{"NOT_API_GATEWAY", "api", "The host name resolves to something that is not API Gateway.", "The DNS records of the name.", []string{"R9.5"}},
	{"POLICY_DENY", "api", "A resource policy (of the API, or of the function it invokes) denies the call.", "The statement named in the answer.", nil},
	{"POLICY_UNREADABLE", "api", "The policy does not parse, so what it allows is unknown.", "Fix the policy's JSON.", nil},
	{"POLICY_UNSUPPORTED", "api", "The policy uses a condition netverify does not evaluate, so the answer is unknown, not allowed or denied.", "The condition named in the answer; netverify never guesses its outcome.", []string{"R9.10"}},
	{"PRIVATE_API_VIA_PUBLIC_ENDPOINT", "api", "The name resolved to a public address, so the request went to API Gateway's public front end, which never serves a private API.", "Resolve the name to the interface endpoint (endpoint private DNS, a Resolver rule or a forwarder).", []string{"R9.7"}},
	{"STAGE_NOT_DEPLOYED", "api", "The stage called is not deployed.", "Call a deployed stage (--stage), or deploy this one.", []string{"R9.4"}},
	{"VPCE_NAME_MISMATCH", "api", "The request used an endpoint-specific name of one interface endpoint but reached another.", "The DNS of the endpoint-specific name.", []string{"R9.5"}},
	{"WAF_BLOCKED", "api", "An AWS WAF web ACL associated with the stage (or with the load balancer) blocks the request: a BLOCK rule matches, or none of its ALLOW rules does and the default action is BLOCK. WAF answers 403 before any resource policy or authorizer.", "The web ACL and rule named in the answer: its IP sets, geo match countries, priority and action.", []string{"R9.21"}},
	{"WAF_UNSUPPORTED", "api", "An AWS WAF web ACL on the way decides with a statement netverify does not evaluate (byte match, rate-based, managed rule groups, ...) or an IP set the input lacks, so whether the request passes is unknown.", "The web ACL and rule named in the answer; add the IP set to the input, or judge the rule yourself.", []string{"R9.21"}},
	{"VPCE_WRONG_REGION", "api", "The interface endpoint is in another Region than the API; an endpoint serves only APIs of its own Region.", "Use an endpoint in the API's Region.", []string{"R9.12"}},
}

// All returns every code, sorted by area then code.
func All() []Entry {
	out := slices.Clone(entries)
	slices.SortFunc(out, func(a, b Entry) int {
		if a.Area != b.Area {
			return strings.Compare(b.Area, a.Area) // packet first
		}
		return strings.Compare(a.Code, b.Code)
	})
	return out
}

// IsCode reports whether s is written like a code (upper case, underscores).
func IsCode(s string) bool {
	if !strings.Contains(s, "_") {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// Lookup finds a code, written in any case, with - for _.
func Lookup(s string) (Entry, error) {
	want := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), "-", "_"))
	for _, e := range entries {
		if e.Code == want {
			return e, nil
		}
	}
	return Entry{}, fmt.Errorf("%q is not an explanation code netverify gives (`netverify explain --codes` lists them)", s)
}
