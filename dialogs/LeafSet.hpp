#pragma once
// A list of leaf state types, so a leaf named at run time (a snapshot's state id, an entry of
// the 返回 history) can be turned into the type that transit<> needs. Each leaf declares
// `static constexpr std::string_view kId`.
#include <string_view>

#include <boost/statechart/result.hpp>

namespace civicdesk::dialogs {

template <class... Leaves>
struct LeafSet {
  template <class... More>
  using With = LeafSet<Leaves..., More...>;

  static bool contains(std::string_view id) { return ((id == Leaves::kId) || ...); }

  // Returns onLeaf.template operator()<L>() for the leaf L whose id is `id`, else fallback().
  template <class OnLeaf, class Fallback>
  static boost::statechart::result visit(std::string_view id, OnLeaf&& onLeaf,
                                         Fallback&& fallback) {
    return visitFrom<Leaves...>(id, onLeaf, fallback);
  }

 private:
  template <class Leaf, class... Rest, class OnLeaf, class Fallback>
  static boost::statechart::result visitFrom(std::string_view id, OnLeaf& onLeaf,
                                             Fallback& fallback) {
    if (id == Leaf::kId) return onLeaf.template operator()<Leaf>();
    if constexpr (sizeof...(Rest) > 0) {
      return visitFrom<Rest...>(id, onLeaf, fallback);
    } else {
      return fallback();
    }
  }
};

// The leaves of two sets, as one: LeafSet<A, B> and LeafSet<C> give LeafSet<A, B, C>.
template <class First, class Second>
struct JoinLeavesOf;
template <class... First, class... Second>
struct JoinLeavesOf<LeafSet<First...>, LeafSet<Second...>> {
  using type = LeafSet<First..., Second...>;
};
template <class First, class Second>
using JoinLeaves = typename JoinLeavesOf<First, Second>::type;

}  // namespace civicdesk::dialogs
