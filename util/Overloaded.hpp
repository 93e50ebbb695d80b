#pragma once
// The usual visitor helper: std::visit(Overloaded{[](const A&) {...}, [](const B&) {...}}, v).
namespace civicdesk {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace civicdesk
