package reach

import (
	"fmt"
	"sort"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// toTGW sends the packet from a VPC subnet to a transit gateway: the
// attachment must have a subnet in the source AZ (R5.2); the attachment
// subnet's inbound NACL applies (R2.13).
func (w *walker) toTGW(v *network.VPC, r *network.Route, from *network.Subnet, in via) {
	t := w.n.TGWs[r.Target.ID]
	if t == nil || (t.M == nil && len(t.Tables) == 0) {
		w.leavePending(nil)
		w.missing(r.Target.ID, "transit gateway "+r.Target.ID+" (its attachments and route tables) is not in the snapshot")
		return
	}
	if in == viaPeering || in == viaVGW {
		w.leavePending(nil)
		w.edgeOnly(r, in, CodeNoPath, "R4.4, R6.5")
		return
	}
	att := v.TGWAttach[r.Target.ID]
	if att == nil {
		w.leavePending(nil)
		if w.tgwGone(t, r.Target.ID, "whether "+v.M.ID+" is attached to "+r.Target.ID+" is unknown", model.UnlistedTGWVPCAttach, model.UnlistedTGWAttachments) {
			return
		}
		w.deadTarget(r, v.M.ID+" has no available attachment to "+r.Target.ID)
		return
	}
	az := ""
	if from != nil {
		az = from.M.AZ
	}
	T := w.attachmentSubnet(att, az, from)
	if T == nil {
		w.leavePending(nil)
		if w.tgwGone(t, att.ID, "which subnets attachment "+att.ID+" has (R5.2) is unknown", model.UnlistedTGWVPCAttach) {
			return
		}
		w.stop(Explanation{Code: CodeTgwRouteAzRestriction, Component: att.ID, Field: "source address",
			Detail: fmt.Sprintf("attachment %s has no subnet in %s, the AZ of %s; the transit gateway drops the packet (R5.2)", att.ID, az, subnetID(from)),
			Fix:    fmt.Sprintf("add a subnet in %s to attachment %s", az, att.ID)})
		return
	}
	w.leavePending(nil)
	w.nacl(T, false) // R2.13: the attachment subnet's inbound rules, matching the source
	w.hop(att.ID, HopTGWAttachment, ActForward, "via "+T.M.ID)
	w.tgwForward(r.Target.ID, t, att.ID, T.M.AZ)
}

// attachmentSubnet returns the attachment's subnet in az (R5.2); with az
// unknown, the source subnet itself when attached, else the first.
func (w *walker) attachmentSubnet(att *model.TGWAttachment, az string, from *network.Subnet) *network.Subnet {
	var subs []*network.Subnet
	for _, id := range att.Subnets {
		if s := w.n.Subnets[id]; s != nil {
			subs = append(subs, s)
		}
	}
	sort.Slice(subs, func(i, j int) bool { return subs[i].M.ID < subs[j].M.ID })
	for _, s := range subs {
		if s == from || (az != "" && sameAZ(s.M, az, from)) {
			return s
		}
	}
	if az == "" && len(subs) > 0 {
		return subs[0]
	}
	return nil
}

func sameAZ(s *model.Subnet, az string, from *network.Subnet) bool {
	if from != nil && from.M.AZID != "" && s.AZID != "" {
		return from.M.AZID == s.AZID
	}
	return s.AZ == az
}

// tgwForward looks the packet up in the table associated with the attachment
// it entered from (R5.4, R5.7) and follows the winning route.
func (w *walker) tgwForward(id string, t *network.TGW, attID, az string) {
	if w.loop(id + "/" + attID) {
		return
	}
	tab := t.AssociatedTable(attID)
	if tab == nil {
		if w.tgwGone(t, attID, "which route table of "+id+" attachment "+attID+" is associated with (R5.4) is unknown", model.UnlistedTGWAttachments, model.UnlistedTGWRouteTables) {
			return
		}
		w.stop(Explanation{Code: CodeTgwAttachMissingTgwRtbAssociation, Component: attID,
			Detail: fmt.Sprintf("attachment %s is not associated with a route table of %s; it cannot send traffic (R5.4)", attID, id),
			Fix:    "associate the attachment with a transit gateway route table"})
		return
	}
	r := tab.Lookup(w.pkt.Dst)
	if w.bgpGap(tab.M.ID, tab.BGPGaps, r == nil, false) {
		return
	}
	if r == nil {
		if w.tgwGone(t, tab.M.ID, "whether "+tab.M.ID+" has a route for "+w.pkt.Dst.String()+" is unknown", model.UnlistedTGWPropagation, model.UnlistedTGWRoutes) {
			return
		}
		w.stop(Explanation{Code: CodeTgwRtbCannotRoute, Component: tab.M.ID, Field: "destination address",
			Detail: fmt.Sprintf("transit gateway route table %s has no route for %s", tab.M.ID, w.pkt.Dst),
			Fix:    fmt.Sprintf("propagate the destination's attachment into %s or add a static route", tab.M.ID)})
		return
	}
	if r.Blackhole || len(r.Attachments) == 0 {
		w.stop(Explanation{Code: CodeTgwRtbBadStateRoute, Component: tab.M.ID, Rule: r.String(), Field: "destination address",
			Detail: fmt.Sprintf("route %s in %s is a blackhole (R5.6)", r, tab.M.ID),
			Fix:    "remove the blackhole route or add a more specific route to the right attachment"})
		return
	}
	w.hop(tab.M.ID, HopTGWRouteTable, ActForward, w.say(r.String))
	if w.tgwNetFW(id, t, r.Attachments[0], az) {
		return // netfw.go (R7.47)
	}
	next := w.n.Attachments[r.Attachments[0]]
	if next == nil {
		w.missing(r.Attachments[0], "transit gateway attachment "+r.Attachments[0]+" is not in the snapshot")
		return
	}
	w.tgwExit(id, next, az)
}

// tgwExit leaves the TGW through an attachment: into a VPC (R5.3), to a
// peer TGW, or to on-premises over VPN or Direct Connect.
func (w *walker) tgwExit(id string, a *model.TGWAttachment, az string) {
	switch a.Type {
	case model.TGWAttachVPC:
		w.tgwIntoVPC(a, az)
	case model.TGWAttachPeering:
		peer := w.peerTGW(id, a)
		pt := w.n.TGWs[peer]
		if pt == nil || len(pt.Tables) == 0 {
			w.missing(peer, "peer transit gateway "+peer+" (its route tables) is not in the snapshot")
			return
		}
		w.hop(a.ID, HopTGWPeering, ActForward, "to "+peer)
		w.tgwForward(peer, pt, a.ID, "")
	case model.TGWAttachVPN, model.TGWAttachDXGateway:
		for _, s := range w.n.Sites {
			for _, sa := range s.Attaches {
				if sa.TGWAttachment == a.ID && sa.Up && s.Contains(w.pkt.Dst) {
					w.hop(a.ID, HopTGWAttachment, ActForward, sa.Via)
					w.arriveSite(s)
					return
				}
			}
		}
		w.missing(a.ID, fmt.Sprintf("no on-premises site behind attachment %s contains %s (add the site to a scenario)", a.ID, w.pkt.Dst))
	default:
		w.missing(a.ID, fmt.Sprintf("transit gateway attachments of type %s are not modelled", a.Type))
	}
}

// tgwIntoVPC delivers the packet to the attachment ENI in the destination VPC
// (same AZ when possible) and routes it with that subnet's table (R5.3).
func (w *walker) tgwIntoVPC(a *model.TGWAttachment, az string) {
	v := w.n.VPCs[a.ResourceID]
	if v == nil {
		w.missing(a.ResourceID, "VPC "+a.ResourceID+" behind attachment "+a.ID+" is not in the snapshot")
		return
	}
	az = w.applianceModeAZ(a, az) // tgwmode.go
	T := w.attachmentSubnet(a, az, nil)
	if T == nil {
		T = w.attachmentSubnet(a, "", nil)
	}
	if T == nil {
		w.missing(a.ID, "attachment "+a.ID+" lists no subnet that is in the snapshot")
		return
	}
	w.enteredAZ(a, T.M.AZ)
	w.hop(a.ID, HopTGWAttachment, ActForward, "into "+v.M.ID+" via "+T.M.ID+" (R5.3)")
	w.pending = T // R2.13: T's outbound rules apply when the packet leaves T
	w.route(v, T.RT, T, viaTGW)
}

// peerTGW returns the transit gateway on the other side of a peering
// attachment: the attachment names it, or the other TGW that has a table
// associated with the same attachment ID.
func (w *walker) peerTGW(id string, a *model.TGWAttachment) string {
	if a.TGW != id && a.TGW != "" {
		return a.TGW
	}
	if a.PeerTGW != "" && a.PeerTGW != id {
		return a.PeerTGW
	}
	if a.ResourceID != "" && a.ResourceID != id && model.TargetKindOfID(a.ResourceID) == model.TargetTGW {
		return a.ResourceID // a peering attachment's resource is the peer TGW
	}
	var ids []string
	for tid, t := range w.n.TGWs {
		if tid != id && t.AssociatedTable(a.ID) != nil {
			ids = append(ids, tid)
		}
	}
	sort.Strings(ids)
	if len(ids) > 0 {
		return ids[0]
	}
	return a.PeerTGW
}
