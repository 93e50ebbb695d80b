#pragma once
// Reading a unit's name as a citizen types it, shared by every dialog that asks for a unit
// (the unit complained about, the unit an information request is addressed to): resolution
// against the unit directory, the numbered list of suggestions and the choice among them, a
// few example names for an unknown one, and a unit mentioned inside a sentence.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dialogs/DialogMachine.hpp"

namespace civicdesk::workflows {
struct Unit;
}

namespace civicdesk::dialogs::units {

// What a typed unit name came to.
struct Resolution {
  enum class Kind {
    Empty,        // nothing typed: ask again
    Found,        // an exact name or alias: `unitId`
    Suggestions,  // several likely units, best first: `suggestions`
    NotFound      // nothing like it: `typed` (trimmed) for the text
  };
  Kind kind = Kind::Empty;
  std::string unitId;
  std::vector<std::string> suggestions;
  std::string typed;
};
Resolution resolve(const workflows::UnitDirectory& directory, std::string_view text);

// The unit's name for texts; the id itself if the directory no longer has it.
std::string unitName(const DialogMachine& machine, const std::string& unitId);

// "1 青溪区东城街道办事处\n2 青溪区西苑街道办事处": the suggestions as the citizen picks them.
std::string suggestionList(const DialogMachine& machine, const std::vector<std::string>& ids);

// A few pilot units' names ("A、B、C"), so a citizen who typed something unknown sees what is
// meant.
std::string exampleUnits(const workflows::UnitDirectory& directory);

// The answer at a list of `count` suggestions.
struct Pick {
  enum class Kind { NotANumber, OutOfRange, Picked };
  Kind kind = Kind::NotANumber;
  std::size_t index = 0;  // Picked: 0-based
};
Pick pickSuggestion(std::string_view text, std::size_t count);

// The unit a sentence names ("教育局的招生简章在哪里查？"): the longest name or alias found in
// it (spaces and punctuation ignored); nothing when none is.
const workflows::Unit* findMentioned(const workflows::UnitDirectory& directory,
                                     std::string_view text);

}  // namespace civicdesk::dialogs::units
