package viz

// Kinds of drawn things; each has one Style (colour and shape) and a legend line.
const (
	kInstance  = "instance"
	kLambda    = "lambda"
	kEndpoint  = "interface-endpoint"
	kGWLBE     = "gwlb-endpoint"
	kNAT       = "nat-gateway"
	kLB        = "load-balancer"
	kResolver  = "resolver-endpoint"
	kTGWENI    = "tgw-attachment"
	kOtherENI  = "network-interface"
	kIGW       = "internet-gateway"
	kEIGW      = "egress-only-igw"
	kVGW       = "vpn-gateway"
	kGatewayEP = "gateway-endpoint"
	kTGW       = "transit-gateway"
	kCGW       = "customer-gateway"
	kSite      = "on-premises-site"
	kDXGW      = "dx-gateway"
	kInternet  = "internet"
	kAPIGW     = "api-gateway"
	kVPCBox    = "vpc"
	kRouteTbl  = "route-table"
	kPeering   = "peering-connection"
	kVPCLink   = "vpc-link"
	kVPCGroup  = "vpc-group"
	kEmpty     = "empty"
)

var nodeStyles = map[string]Style{
	kInstance:  {Shape: "box", Fill: "#dbeafe", Color: "#1d4ed8"},
	kLambda:    {Shape: "component", Fill: "#ffedd5", Color: "#c2410c"},
	kEndpoint:  {Shape: "hexagon", Fill: "#ede9fe", Color: "#6d28d9"},
	kGWLBE:     {Shape: "hexagon", Fill: "#fae8ff", Color: "#a21caf"},
	kNAT:       {Shape: "octagon", Fill: "#fef9c3", Color: "#a16207"},
	kLB:        {Shape: "invtrapezium", Fill: "#d1fae5", Color: "#047857"},
	kResolver:  {Shape: "cylinder", Fill: "#e0f2fe", Color: "#0369a1"},
	kTGWENI:    {Shape: "box", Fill: "#fef3c7", Color: "#b45309", Line: "dashed"},
	kOtherENI:  {Shape: "ellipse", Fill: "#f3f4f6", Color: "#4b5563"},
	kIGW:       {Shape: "invhouse", Fill: "#bbf7d0", Color: "#15803d"},
	kEIGW:      {Shape: "invhouse", Fill: "#dcfce7", Color: "#15803d", Line: "dashed"},
	kVGW:       {Shape: "invhouse", Fill: "#fce7f3", Color: "#be185d"},
	kGatewayEP: {Shape: "tab", Fill: "#ede9fe", Color: "#6d28d9"},
	kTGW:       {Shape: "doubleoctagon", Fill: "#fde68a", Color: "#b45309"},
	kCGW:       {Shape: "box3d", Fill: "#fce7f3", Color: "#be185d"},
	kSite:      {Shape: "house", Fill: "#e5e7eb", Color: "#374151"},
	kDXGW:      {Shape: "octagon", Fill: "#cffafe", Color: "#0e7490"},
	kInternet:  {Shape: "ellipse", Fill: "#f0fdf4", Color: "#15803d", Line: "dashed"},
	kAPIGW:     {Shape: "component", Fill: "#fce7f3", Color: "#9d174d"},
	kVPCBox:    {Shape: "box3d", Fill: "#ecfdf5", Color: "#047857"},
	kRouteTbl:  {Shape: "note", Fill: "#f8fafc", Color: "#334155"},
	kPeering:   {Shape: "ellipse", Fill: "#ede9fe", Color: "#7c3aed"},
	kVPCLink:   {Shape: "cds", Fill: "#fdf2f8", Color: "#9d174d"},
	kVPCGroup:  {Shape: "box", Fill: "#ecfdf5", Color: "#047857"},
	kEmpty:     {Shape: "plaintext", Fill: "transparent", Color: "gray60", FontColor: "gray50"},
}

var nodeLegend = map[string]string{
	kInstance: "EC2 instance", kLambda: "Lambda function (VPC)", kEndpoint: "interface endpoint",
	kGWLBE: "GWLB endpoint", kNAT: "NAT gateway", kLB: "load balancer", kResolver: "Resolver endpoint",
	kTGWENI: "TGW attachment ENI", kOtherENI: "other interface", kIGW: "internet gateway",
	kEIGW: "egress-only IGW", kVGW: "virtual private gateway", kGatewayEP: "gateway endpoint (S3/DynamoDB)",
	kTGW: "transit gateway", kCGW: "customer gateway", kSite: "on-premises site", kDXGW: "Direct Connect gateway",
	kInternet: "internet", kAPIGW: "API Gateway API", kVPCBox: "VPC (collapsed, with counts)",
	kRouteTbl: "route table (its subnets point to it, its routes leave it)", kPeering: "VPC peering connection",
	kVPCLink: "API Gateway VPC link", kVPCGroup: "the VPCs of one account in one Region",
}

// legendOrder is the order of the legend's node lines.
var legendOrder = []string{kInstance, kLambda, kEndpoint, kGWLBE, kNAT, kLB, kResolver, kTGWENI, kOtherENI,
	kRouteTbl, kIGW, kEIGW, kVGW, kGatewayEP, kPeering, kTGW, kCGW, kSite, kDXGW, kInternet, kAPIGW, kVPCLink,
	kVPCBox, kVPCGroup}

// Link kinds.
const (
	lInternet = "internet"
	lPeering  = "peering"
	lTGW      = "tgw"
	lVPN      = "vpn"
	lDX       = "dx"
	lSite     = "site"
	lForward  = "forward"
	lReturn   = "return"
	lBlocked  = "blocked"
	lDNS      = "dns"
	lAssoc    = "subnet-route-table"
	lRoute    = "route"
	lHole     = "blackhole-route"
	lEdgeRT   = "edge-association"
	lAPI      = "api"
	lTarget   = "lb-target"
	lDNSFwd   = "dns-forwarding"
)

var edgeStyles = map[string]Style{
	lInternet: {Color: "#16a34a"},
	lPeering:  {Color: "#7c3aed", Pen: 2},
	lTGW:      {Color: "#d97706", Pen: 2},
	lVPN:      {Color: "#db2777", Line: "dashed", Pen: 1.5},
	lDX:       {Color: "#0891b2", Pen: 2.5},
	lSite:     {Color: "#6b7280", Line: "dotted"},
	lForward:  {Color: "#2563eb", Pen: 3},
	lReturn:   {Color: "#ea580c", Pen: 3, Line: "dashed"},
	lBlocked:  {Color: "#dc2626", Pen: 3.5, Line: "bold"},
	lDNS:      {Color: "#9333ea", Pen: 2, Line: "dotted"},
	lAssoc:    {Color: "#94a3b8", Line: "dotted"},
	lRoute:    {Color: "#334155", Pen: 1.2},
	lHole:     {Color: "#dc2626", Line: "dashed"},
	lEdgeRT:   {Color: "#15803d", Line: "dashed"},
	lAPI:      {Color: "#9d174d", Pen: 1.5},
	lTarget:   {Color: "#047857", Pen: 1.2},
	lDNSFwd:   {Color: "#0369a1", Line: "dashed", Pen: 1.2},
}

var edgeLegend = map[string]string{
	lInternet: "internet access", lPeering: "VPC peering", lTGW: "transit gateway attachment",
	lVPN: "Site-to-Site VPN", lDX: "Direct Connect", lSite: "on-premises link",
	lForward: "path: forward", lReturn: "path: return", lBlocked: "path: blocked here (reason)",
	lDNS: "DNS query (udp/53) of the question", lAssoc: "subnet uses this route table",
	lRoute: "route, labelled with its destinations", lHole: "blackhole route (dropped)",
	lEdgeRT: "gateway route table (ingress routing)", lAPI: "API Gateway: endpoint, API, integration",
	lTarget: "load balancer to a registered target", lDNSFwd: "DNS forwarding (forwarder, Resolver rule)",
}

var edgeLegendOrder = []string{lAssoc, lRoute, lHole, lEdgeRT, lInternet, lPeering, lTGW, lVPN, lDX, lSite,
	lAPI, lTarget, lDNSFwd, lForward, lReturn, lBlocked, lDNS}

// Cluster styles.
var (
	accountStyle = Style{Fill: "#f8fafc", Color: "#475569", Line: "dashed"}
	regionStyle  = Style{Fill: "#f1f5f9", Color: "#64748b"}
	vpcStyle     = Style{Fill: "#f0fdf4", Color: "#047857"}
	azStyle      = Style{Fill: "#ffffff", Color: "#94a3b8", Line: "dotted"}
	publicStyle  = Style{Fill: "#dcfce7", Color: "#16a34a"}
	privateStyle = Style{Fill: "#e0e7ff", Color: "#4f46e5"}
	onPremStyle  = Style{Fill: "#f9fafb", Color: "#374151", Line: "dashed"}
)

// kindTitle heads the label of an interface group.
var kindTitle = map[string]string{
	kInstance: "EC2 instance", kLambda: "Lambda", kEndpoint: "interface endpoint", kGWLBE: "GWLB endpoint",
	kNAT: "NAT gateway", kLB: "load balancer", kResolver: "Resolver endpoint", kTGWENI: "TGW attachment",
	kOtherENI: "interface",
}
