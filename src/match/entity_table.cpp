#include "match/entity_table.h"

#include <algorithm>

namespace interdict::match {
namespace {

void PutDate(ByteWriter& w, const PartialDate& d) {
  w.Put(d.year);
  w.Put(d.month);
  w.Put(d.day);
}

PartialDate GetDate(ByteReader& r) {
  PartialDate d;
  d.year = r.Get<std::int16_t>();
  d.month = r.Get<std::int8_t>();
  d.day = r.Get<std::int8_t>();
  return d;
}

void PutStrings(ByteWriter& w, const std::vector<std::string>& v) {
  w.Put<std::uint64_t>(v.size());
  for (const std::string& s : v) w.PutString(s);
}

void GetStrings(ByteReader& r, std::vector<std::string>& v) {
  const std::size_t n = r.GetCount(4);
  v.clear();
  v.reserve(n);
  for (std::size_t i = 0; i < n && r.ok(); ++i) v.push_back(r.GetString());
}

Schema GetSchema(ByteReader& r) {
  const auto schema = r.Get<std::uint8_t>();
  if (schema > static_cast<std::uint8_t>(Schema::kAircraft)) r.Fail();
  return static_cast<Schema>(schema);
}

void PutAttributes(ByteWriter& w, const EntityFacts& f) {
  w.Put(static_cast<std::uint8_t>(f.schema));
  w.Put<std::uint64_t>(f.birth_dates.size());
  for (const DateValue& d : f.birth_dates) {
    PutDate(w, d.from);
    PutDate(w, d.to);
    w.Put<std::uint8_t>(d.approximate ? 1 : 0);
    w.PutString(d.text);
  }
  PutStrings(w, f.countries);
  PutStrings(w, f.identifiers);
}

void GetAttributes(ByteReader& r, EntityFacts& f) {
  f.schema = GetSchema(r);
  f.birth_dates.resize(r.GetCount(2 * 4 + 1 + 4));
  for (DateValue& d : f.birth_dates) {
    d.from = GetDate(r);
    d.to = GetDate(r);
    d.approximate = r.Get<std::uint8_t>() != 0;
    d.text = r.GetString();
  }
  GetStrings(r, f.countries);
  GetStrings(r, f.identifiers);
}

}  // namespace

void EntityTable::Add(EntityFacts facts) {
  Record r;
  r.id_offset = static_cast<std::uint32_t>(strings_.size());
  r.id_length = static_cast<std::uint16_t>(std::min<std::size_t>(facts.id.size(), 0xFFFF));
  r.primary_length =
      static_cast<std::uint16_t>(std::min<std::size_t>(facts.primary_name.size(), 0xFFFF));
  strings_.append(facts.id, 0, r.id_length);
  strings_.append(facts.primary_name, 0, r.primary_length);
  r.schema = facts.schema;
  auto list = std::find(lists_.begin(), lists_.end(), facts.list);
  if (list == lists_.end()) list = lists_.insert(lists_.end(), facts.list);
  r.list = static_cast<std::uint16_t>(list - lists_.begin());
  r.attributes = kNone;
  if (!facts.birth_dates.empty() || !facts.countries.empty() || !facts.identifiers.empty()) {
    r.attributes = static_cast<std::uint32_t>(attributes_.size());
    facts.id.clear();
    facts.list.clear();
    facts.primary_name.clear();
    facts.id.shrink_to_fit();
    facts.primary_name.shrink_to_fit();
    attributes_.push_back(std::move(facts));
  }
  records_.push_back(r);
}

void EntityTable::ShrinkToFit() {
  strings_.shrink_to_fit();
  records_.shrink_to_fit();
  attributes_.shrink_to_fit();
}

std::string_view EntityTable::id(std::uint32_t e) const noexcept {
  const Record& r = records_[e];
  return std::string_view(strings_).substr(r.id_offset, r.id_length);
}

std::string_view EntityTable::primary_name(std::uint32_t e) const noexcept {
  const Record& r = records_[e];
  return std::string_view(strings_).substr(r.id_offset + r.id_length, r.primary_length);
}

const EntityFacts& EntityTable::Attributes(std::uint32_t e) const noexcept {
  const Record& r = records_[e];
  if (r.attributes != kNone) return attributes_[r.attributes];
  thread_local EntityFacts bare;
  bare.schema = r.schema;
  return bare;
}

std::size_t EntityTable::MemoryBytes() const noexcept {
  std::size_t bytes = strings_.capacity() + records_.capacity() * sizeof(Record) +
                      attributes_.capacity() * sizeof(EntityFacts) + lists_.size() * 48;
  for (const EntityFacts& f : attributes_) {
    bytes += f.birth_dates.capacity() * sizeof(DateValue) + f.countries.capacity() * 32 +
             f.identifiers.capacity() * 32;
  }
  return bytes;
}

void EntityTable::Serialize(ByteWriter& w) const {
  w.PutString(strings_);
  w.Put<std::uint64_t>(lists_.size());
  for (const std::string& l : lists_) w.PutString(l);
  w.Put<std::uint64_t>(records_.size());
  for (const Record& r : records_) {
    w.Put(r.id_offset);
    w.Put(r.id_length);
    w.Put(r.primary_length);
    w.Put(r.attributes);
    w.Put(r.list);
    w.Put(static_cast<std::uint8_t>(r.schema));
  }
  w.Put<std::uint64_t>(attributes_.size());
  for (const EntityFacts& f : attributes_) PutAttributes(w, f);
}

bool EntityTable::Deserialize(ByteReader& r) {
  strings_ = r.GetString();
  GetStrings(r, lists_);
  records_.resize(r.GetCount(4 + 2 + 2 + 4 + 2 + 1));
  for (Record& rec : records_) {
    rec.id_offset = r.Get<std::uint32_t>();
    rec.id_length = r.Get<std::uint16_t>();
    rec.primary_length = r.Get<std::uint16_t>();
    rec.attributes = r.Get<std::uint32_t>();
    rec.list = r.Get<std::uint16_t>();
    rec.schema = GetSchema(r);
  }
  attributes_.resize(r.GetCount(1 + 3 * 8));
  for (std::size_t i = 0; i < attributes_.size() && r.ok(); ++i) GetAttributes(r, attributes_[i]);
  if (!r.ok()) return false;
  // Every record must point inside what was read.
  return std::all_of(records_.begin(), records_.end(), [this](const Record& rec) {
    return std::size_t{rec.id_offset} + rec.id_length + rec.primary_length <= strings_.size() &&
           rec.list < lists_.size() &&
           (rec.attributes == kNone || rec.attributes < attributes_.size());
  });
}

}  // namespace interdict::match
