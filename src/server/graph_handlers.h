// The relation graph over HTTP (docs/api.md#relation-graph): the
// neighbourhood of an entity, and the designations a regime's ownership and
// control rule derives from the listed entities. Both read the live
// snapshot's Network, built beside the screener on every (re)load, so they
// agree with the basis screening reports.
#ifndef INTERDICT_SERVER_GRAPH_HANDLERS_H_
#define INTERDICT_SERVER_GRAPH_HANDLERS_H_

#include "server/routes.h"

namespace interdict::server {

// Bounds of GET /v1/entities/{id}/network?depth=N: a hub entity's
// neighbourhood grows fast with depth, and the UI draws depth 1-2.
inline constexpr int kDefaultNetworkDepth = 2;
inline constexpr int kMaxNetworkDepth = 4;

// GET /v1/entities/{id}/network?depth=N: the Neighbourhood as JSON, the
// shape of `interdict network --format json`.
void HandleEntityNetwork(const Call& call);
// GET /v1/derived?regime=ofac|eu|uk&offset=&limit=: derived designations by
// id, each the shape of an `interdict ownership --format json` line.
void HandleDerived(const Call& call);

}  // namespace interdict::server

#endif  // INTERDICT_SERVER_GRAPH_HANDLERS_H_
