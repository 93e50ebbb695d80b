// RULES.md §1 Art. 7: when a complaint is not accepted. Unknown facts never count against
// the complainant.
#include "workflows/complaints/Admissibility.hpp"

#include <gtest/gtest.h>

namespace civicdesk::workflows {
namespace {

// Every fact known and favourable: the baseline each test changes one thing in.
AdmissibilityFacts admissibleFacts() {
  AdmissibilityFacts f;
  f.respondentIsPilotUnit = true;
  f.respondentIdentified = true;
  f.complainantReachable = true;
  f.reportedElsewhere = false;
  f.otherAgencyDeclined = false;
  f.supervisionAlreadyDecided = false;
  f.concernsDisclosure = true;
  return f;
}

void expectNotAccepted(const AdmissibilityFacts& facts, InadmissibilityGround ground,
                       const char* article) {
  auto a = assessAdmissibility(facts);
  EXPECT_FALSE(a.admissible);
  EXPECT_EQ(a.ground, ground);
  EXPECT_EQ(a.article(), article);
}

TEST(Complaint_Art7, AllFactsFavourableIsAdmissible) {
  auto a = assessAdmissibility(admissibleFacts());
  EXPECT_TRUE(a.admissible);
  EXPECT_FALSE(a.ground);
  EXPECT_EQ(a.article(), "");
}

TEST(Complaint_Art7, UnknownFactsAreAdmissible) {
  auto a = assessAdmissibility(AdmissibilityFacts{});
  EXPECT_TRUE(a.admissible);
  EXPECT_FALSE(a.ground);
}

TEST(Complaint_Art7, Item1_OutsideJurisdiction) {
  auto f = admissibleFacts();
  f.respondentIsPilotUnit = false;
  expectNotAccepted(f, InadmissibilityGround::OutsideJurisdiction, "第七条第（一）项");
}

TEST(Complaint_Art7, Item2_NoClearRespondent) {
  auto f = admissibleFacts();
  f.respondentIdentified = false;
  expectNotAccepted(f, InadmissibilityGround::NoRespondentOrUnreachable, "第七条第（二）项");
}

TEST(Complaint_Art7, Item2_ComplainantUnreachable) {
  auto f = admissibleFacts();
  f.complainantReachable = false;
  expectNotAccepted(f, InadmissibilityGround::NoRespondentOrUnreachable, "第七条第（二）项");
}

TEST(Complaint_Art7, Item3_AlreadyReportedElsewhere) {
  auto f = admissibleFacts();
  f.reportedElsewhere = true;
  expectNotAccepted(f, InadmissibilityGround::HandledElsewhere, "第七条第（三）项");
}

TEST(Complaint_Art7, Item3_NotYetKnownWhetherTheOtherAgencyDeclinedDoesNotCountAgainst) {
  auto f = admissibleFacts();
  f.reportedElsewhere = true;
  f.otherAgencyDeclined = std::nullopt;
  EXPECT_TRUE(assessAdmissibility(f).admissible);
}

TEST(Complaint_Art7, Item3_ExceptionWhenOtherAgencyDeclined) {
  auto f = admissibleFacts();
  f.reportedElsewhere = true;
  f.otherAgencyDeclined = true;  // 有关机关作出了不予受理决定: item (3) does not bar it
  EXPECT_TRUE(assessAdmissibility(f).admissible);
}

TEST(Complaint_Art7, Item4_SupervisionAlreadyDecided) {
  auto f = admissibleFacts();
  f.supervisionAlreadyDecided = true;
  expectNotAccepted(f, InadmissibilityGround::AlreadyDecided, "第七条第（四）项");
}

TEST(Complaint_Art7, Item5_OutsideScopeOfDisclosure) {
  auto f = admissibleFacts();
  f.concernsDisclosure = false;
  expectNotAccepted(f, InadmissibilityGround::OutsideScope, "第七条第（五）项");
}

TEST(Complaint_Art7, FirstFailingItemIsTheGround) {
  AdmissibilityFacts f;
  f.concernsDisclosure = false;
  f.supervisionAlreadyDecided = true;
  f.complainantReachable = false;
  expectNotAccepted(f, InadmissibilityGround::NoRespondentOrUnreachable, "第七条第（二）项");
  f.respondentIsPilotUnit = false;
  expectNotAccepted(f, InadmissibilityGround::OutsideJurisdiction, "第七条第（一）项");
}

}  // namespace
}  // namespace civicdesk::workflows
