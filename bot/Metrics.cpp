#include "bot/Metrics.hpp"

#include <sstream>

namespace civicdesk::bot {

void Metrics::messageIn(const std::string& channel) {
  std::lock_guard lock(mutex_);
  ++messagesIn_[channel];
}

void Metrics::messageOut(const std::string& channel, const std::string& via) {
  std::lock_guard lock(mutex_);
  ++messagesOut_[{channel, via}];
}

void Metrics::error(const std::string& kind) {
  std::lock_guard lock(mutex_);
  ++errors_[kind];
}

void Metrics::duplicate(const std::string& channel) {
  std::lock_guard lock(mutex_);
  ++duplicates_[channel];
}

void Metrics::dialogStep(bool takenAhead) {
  (takenAhead ? stepsAhead_ : stepsByWriter_).fetch_add(1, std::memory_order_relaxed);
}

void Metrics::observeRequest(const std::string& route, double seconds) {
  std::lock_guard lock(mutex_);
  auto& h = requests_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.counts[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::render() const {
  std::lock_guard lock(mutex_);
  std::ostringstream out;
  out << "# HELP civicdesk_messages_in_total Inbound messages accepted, per channel.\n"
         "# TYPE civicdesk_messages_in_total counter\n";
  for (const auto& [channel, n] : messagesIn_) {
    out << "civicdesk_messages_in_total{channel=\"" << channel << "\"} " << n << '\n';
  }
  out << "# HELP civicdesk_messages_out_total Replies and notices sent, per channel and way.\n"
         "# TYPE civicdesk_messages_out_total counter\n";
  for (const auto& [key, n] : messagesOut_) {
    out << "civicdesk_messages_out_total{channel=\"" << key.first << "\",via=\"" << key.second
        << "\"} " << n << '\n';
  }
  out << "# HELP civicdesk_duplicates_total Platform retries answered from the store.\n"
         "# TYPE civicdesk_duplicates_total counter\n";
  for (const auto& [channel, n] : duplicates_) {
    out << "civicdesk_duplicates_total{channel=\"" << channel << "\"} " << n << '\n';
  }
  out << "# HELP civicdesk_errors_total Errors, per kind.\n"
         "# TYPE civicdesk_errors_total counter\n";
  for (const auto& [kind, n] : errors_) {
    out << "civicdesk_errors_total{kind=\"" << kind << "\"} " << n << '\n';
  }
  out << "# HELP civicdesk_dialog_steps_total Dialog steps, by where they were taken.\n"
         "# TYPE civicdesk_dialog_steps_total counter\n"
      << "civicdesk_dialog_steps_total{taken=\"ahead\"} " << stepsAhead_.load() << '\n'
      << "civicdesk_dialog_steps_total{taken=\"writer\"} " << stepsByWriter_.load() << '\n';
  out << "# HELP civicdesk_request_duration_seconds HTTP request latency, per route.\n"
         "# TYPE civicdesk_request_duration_seconds histogram\n";
  for (const auto& [route, h] : requests_) {
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out << "civicdesk_request_duration_seconds_bucket{route=\"" << route << "\",le=\""
          << kBuckets[i] << "\"} " << h.counts[i] << '\n';
    }
    out << "civicdesk_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} "
        << h.count << '\n';
    out << "civicdesk_request_duration_seconds_sum{route=\"" << route << "\"} " << h.sum << '\n';
    out << "civicdesk_request_duration_seconds_count{route=\"" << route << "\"} " << h.count
        << '\n';
  }
  return out.str();
}

}  // namespace civicdesk::bot
