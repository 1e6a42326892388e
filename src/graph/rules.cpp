// Regime rules, names, which entities are listed, and loading from a store.
#include <algorithm>

#include "interdict/graph.h"
#include "interdict/store.h"

namespace interdict {

std::string_view RegimeName(Regime regime) noexcept {
  switch (regime) {
    case Regime::kOfac:
      return "ofac";
    case Regime::kEu:
      return "eu";
    case Regime::kUk:
      return "uk";
  }
  return "";
}

std::optional<Regime> ParseRegime(std::string_view name) noexcept {
  for (Regime r : {Regime::kOfac, Regime::kEu, Regime::kUk}) {
    if (RegimeName(r) == name) return r;
  }
  return std::nullopt;
}

std::string_view BasisName(Basis basis) noexcept {
  switch (basis) {
    case Basis::kNone:
      return "none";
    case Basis::kListed:
      return "listed";
    case Basis::kOwned:
      return "owned";
    case Basis::kControlled:
      return "controlled";
    case Basis::kPossiblyOwned:
      return "possibly_owned";
    case Basis::kLinked:
      return "linked";
  }
  return "";
}

OwnershipRule DefaultRule(Regime regime) {
  switch (regime) {
    case Regime::kOfac:
      return {50, true, true, false,
              "OFAC 50% rule: owned 50% or more in aggregate, directly or indirectly, by blocked "
              "persons; control alone does not block (OFAC FAQs 398, 399, 401; revised guidance "
              "of 13 August 2014)"};
    case Regime::kEu:
      return {50, false, true, true,
              "EU: owned more than 50% (holdings of listed persons aggregated) or controlled by "
              "listed persons (Commission consolidated FAQs on Reg. 269/2014, FAQ 1 and 8; EU "
              "Best Practices on restrictive measures, ownership and control)"};
    case Regime::kUk:
      return {50, false, false, true,
              "UK: more than 50% held by one designated person directly or indirectly, not "
              "aggregated across persons without a joint arrangement, or controlled (OFSI general "
              "guidance 4.14)"};
  }
  return {};
}

int LinkDepths::Depth(RelationType type) const noexcept {
  switch (type) {
    case RelationType::kLinkedTo:
      return linked_to;
    case RelationType::kOwnerOf:
    case RelationType::kOwnedBy:
      return ownership;
    case RelationType::kControls:
    case RelationType::kControlledBy:
      return control;
    case RelationType::kDirectorOf:
      return director;
    case RelationType::kMemberOf:
      return member;
    case RelationType::kEmployeeOf:
      return employee;
    case RelationType::kFamily:
      return family;
    case RelationType::kAssociate:
      return associate;
  }
  return 0;
}

int LinkDepths::Max() const noexcept {
  return std::max({linked_to, ownership, control, director, member, employee, family, associate});
}

bool IsListedEntity(const Entity& entity) noexcept {
  if (entity.list == kOwnRelationsList) return false;
  if (!entity.id.starts_with("ftm:")) return true;
  if (!entity.programs.empty()) return true;
  return std::any_of(entity.attributes.begin(), entity.attributes.end(),
                     [](const Attribute& a) { return a.key == "topics" && a.value == "sanction"; });
}

Result<std::unique_ptr<Network>> LoadNetwork(Store& store, NetworkOptions options) {
  auto network = std::make_unique<Network>(std::move(options));
  Status status = store.ForEachCurrentEntity([&network](const Entity& entity) {
    network->AddEntity(entity);
    return Status::Ok();
  });
  if (!status.ok()) return Err(std::move(status).Prepend("building the relation network"));
  network->Finish();
  return network;
}

}  // namespace interdict
