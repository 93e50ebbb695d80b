#include "util/ThreadName.hpp"

#include <pthread.h>

namespace civicdesk::util {

void nameThisThread(std::string_view name) {
  const std::string cut(name.substr(0, kThreadNameMax));
  // Fails only for a name over the limit (ERANGE), which the cut rules out; nothing to do
  // then but keep running under the inherited name.
  (void)pthread_setname_np(pthread_self(), cut.c_str());
}

std::string thisThreadName() {
  char name[kThreadNameMax + 1] = {};
  if (pthread_getname_np(pthread_self(), name, sizeof name) != 0) return {};
  return name;
}

}  // namespace civicdesk::util
