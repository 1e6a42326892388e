// Own designations: the organisation's internal list "own". Each change is
// saved (and audited) in the case store, then list "own" is rewritten from
// the active designations as a new version in the list store, so it is
// screened, diffed and versioned like an official list.
#include <nlohmann/json.hpp>

#include "cases/result_util.h"
#include "interdict/casework.h"
#include "model/entity_json.h"

namespace interdict {
namespace {

std::string Dump(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status CheckEntity(const Entity& entity) {
  if (entity.schema == Schema::kUnknown) {
    return Status::InvalidArgument(
        "a designation needs a type (person, organization, vessel or aircraft)");
  }
  if (entity.names.empty() || entity.names.front().full.empty()) {
    return Status::InvalidArgument("a designation needs a name");
  }
  for (const Name& name : entity.names) {
    if (name.full.empty()) return Status::InvalidArgument("a designation's names may not be empty");
  }
  return Status::Ok();
}

Status CheckExpiry(std::string_view expires) {
  if (expires.empty()) return Status::Ok();
  std::optional<PartialDate> date = PartialDate::Parse(expires);
  if (!date || date->day == 0 || expires.size() != 10) {
    return Status::InvalidArgument("expiry must be a date written YYYY-MM-DD, not '" +
                                   std::string(expires) + "'");
  }
  return Status::Ok();
}

nlohmann::json ChangeDetails(const Designation& d) {
  return {{"name", d.entity.PrimaryName()},
          {"reason", d.reason},
          {"evidence", d.evidence},
          {"expires", d.expires},
          {"entity", ToJson(d.entity)}};
}

}  // namespace

Result<Designation> Casework::AddDesignation(std::string_view actor, Entity entity,
                                             std::string_view reason,
                                             std::vector<std::string> evidence,
                                             std::string_view expires) {
  INTERDICT_RETURN_IF_ERROR(Authorize(actor, Role::kAdmin));
  INTERDICT_RETURN_IF_ERROR(CheckEntity(entity));
  INTERDICT_RETURN_IF_ERROR(CheckExpiry(expires));
  if (reason.empty()) return Err(Status::InvalidArgument("a designation needs a reason"));
  Designation d;
  d.entity = std::move(entity);
  d.reason = std::string(reason);
  d.evidence = std::move(evidence);
  d.author = std::string(actor);
  d.created_at = d.updated_at = options_.clock();
  d.expires = std::string(expires);
  ASSIGN_OR_RETURN(Designation saved,
                   cases_.SaveDesignation(
                       d, {std::string(actor), "designation.add", "", Dump(ChangeDetails(d))}));
  INTERDICT_RETURN_IF_ERROR(SyncOwnList(actor));
  return saved;
}

Result<Designation> Casework::EditDesignation(std::string_view actor, std::int64_t number,
                                              Entity entity, std::string_view reason,
                                              std::vector<std::string> evidence,
                                              std::string_view expires) {
  INTERDICT_RETURN_IF_ERROR(Authorize(actor, Role::kAdmin));
  INTERDICT_RETURN_IF_ERROR(CheckEntity(entity));
  INTERDICT_RETURN_IF_ERROR(CheckExpiry(expires));
  ASSIGN_OR_RETURN(Designation d, cases_.GetDesignation(number));
  if (!d.removed_at.empty()) {
    return Err(Status::InvalidArgument("designation own:" + std::to_string(number) +
                                       " was removed on " + d.removed_at + "; add a new one"));
  }
  d.entity = std::move(entity);
  if (!reason.empty()) d.reason = std::string(reason);
  if (!evidence.empty()) d.evidence = std::move(evidence);
  if (!expires.empty()) d.expires = std::string(expires);
  d.updated_at = options_.clock();
  ASSIGN_OR_RETURN(Designation saved,
                   cases_.SaveDesignation(
                       d, {std::string(actor), "designation.edit", "", Dump(ChangeDetails(d))}));
  INTERDICT_RETURN_IF_ERROR(SyncOwnList(actor));
  return saved;
}

Result<Designation> Casework::RemoveDesignation(std::string_view actor, std::int64_t number,
                                                std::string_view reason) {
  INTERDICT_RETURN_IF_ERROR(Authorize(actor, Role::kAdmin));
  if (reason.empty()) return Err(Status::InvalidArgument("removing a designation needs a reason"));
  ASSIGN_OR_RETURN(Designation d, cases_.GetDesignation(number));
  if (!d.removed_at.empty()) {
    return Err(Status::Conflict("designation own:" + std::to_string(number) +
                                " was already removed on " + d.removed_at + " by " + d.removed_by));
  }
  d.removed_at = d.updated_at = options_.clock();
  d.removed_by = std::string(actor);
  d.removed_reason = std::string(reason);
  ASSIGN_OR_RETURN(Designation saved,
                   cases_.SaveDesignation(d, {std::string(actor), "designation.remove", "",
                                              Dump({{"reason", reason}})}));
  INTERDICT_RETURN_IF_ERROR(SyncOwnList(actor));
  return saved;
}

Result<LoadOutcome> Casework::SyncOwnList(std::string_view actor) {
  ASSIGN_OR_RETURN(std::vector<Designation> all, cases_.Designations());
  const std::string now = options_.clock();
  const std::string today = now.substr(0, 10);
  ListData data;
  data.list = std::string(kOwnList);
  data.published = today;
  for (const Designation& d : all) {
    if (d.ActiveOn(today)) data.entities.push_back(d.entity);
  }
  Result<ListVersion> current = lists_.CurrentVersion(kOwnList);
  if (!current && current.error().code() != StatusCode::kNotFound) return Err(current.error());
  if (!current && data.entities.empty()) return LoadOutcome{};  // nothing designated, ever
  ASSIGN_OR_RETURN(LoadOutcome outcome, lists_.AddVersion(data, "designations"));
  if (outcome.created) INTERDICT_RETURN_IF_ERROR(RecordListLoad(actor, outcome));
  return outcome;
}

}  // namespace interdict
