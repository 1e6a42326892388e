// What the screener keeps of each entity besides its names, compactly.
//
// A screener may hold millions of entities; an EntityFacts costs ~180 bytes
// before its strings. Here an entity is a 20-byte record into one string
// blob, and only entities that have birth dates, countries or identifiers
// keep an EntityFacts for them (most synthetic and many list entities have
// none).
#ifndef INTERDICT_MATCH_ENTITY_TABLE_H_
#define INTERDICT_MATCH_ENTITY_TABLE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "match/adjust.h"
#include "match/serial.h"

namespace interdict::match {

class EntityTable {
 public:
  void Add(EntityFacts facts);
  // Releases the slack of building; Add() may still be called.
  void ShrinkToFit();

  std::size_t size() const noexcept { return records_.size(); }
  std::string_view id(std::uint32_t e) const noexcept;
  std::string_view list(std::uint32_t e) const noexcept { return lists_[records_[e].list]; }
  std::string_view primary_name(std::uint32_t e) const noexcept;
  Schema schema(std::uint32_t e) const noexcept { return records_[e].schema; }
  // The facts Adjust() reads: schema, birth dates, countries, identifiers
  // (id, list and primary_name are left empty). The reference is valid
  // until the next call on this thread.
  const EntityFacts& Attributes(std::uint32_t e) const noexcept;

  std::size_t MemoryBytes() const noexcept;
  void Serialize(ByteWriter& w) const;
  bool Deserialize(ByteReader& r);

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFF;
  struct Record {
    std::uint32_t id_offset;  // into strings_; the primary name follows the id
    std::uint16_t id_length;
    std::uint16_t primary_length;
    std::uint32_t attributes;  // into attributes_, or kNone
    std::uint16_t list;        // into lists_
    Schema schema;
  };
  std::string strings_;
  std::vector<std::string> lists_;
  std::vector<Record> records_;
  std::vector<EntityFacts> attributes_;
};

}  // namespace interdict::match

#endif  // INTERDICT_MATCH_ENTITY_TABLE_H_
