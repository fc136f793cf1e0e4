// Package capacity reports how much room the subnets of an estate have for
// the network interfaces AWS services create in them: Lambda's Hyperplane
// ENIs (one per subnet and security-group set, R8.1), interface endpoints,
// Resolver endpoints and VPC links. It counts the free IPv4 addresses of each
// such subnet (EC2's AvailableIpAddressCount when the input has it, else the
// block size minus the five reserved addresses minus the interfaces in the
// snapshot, R8.41), the Hyperplane ENIs of each VPC against the per-VPC quota
// (R8.42), and warns where a new combination or a scale-out would not fit
// (R8.43).
package capacity
