#pragma once
// What every leaf state tells the facade and its outer states: its persisted id and the
// template that explains it. Read with state_cast<const StateInfo&>(), so no outer state has
// to know which leaf is active.
#include <string_view>

namespace civicdesk::dialogs {

class StateInfo {
 public:
  virtual ~StateInfo() = default;
  virtual std::string_view id() const = 0;
  virtual std::string_view helpKey() const = 0;
};

}  // namespace civicdesk::dialogs
