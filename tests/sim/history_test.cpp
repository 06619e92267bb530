// A history keeps every entry of every subject (docs/report-format.md 4.3): one subject's entries
// read back oldest first, and all entries read back in the order they were recorded, with their
// subject, at their exact virtual time, including times far apart and out of order.

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <vector>

#include "recorder.h"

using namespace queuelab::sim;

namespace {

struct Recorded {
    SimTime time;
    std::uint32_t subject;
    HistoryKind kind;
    std::uint32_t detail;
    Verdict verdict;
};

void check_equal(const HistoryEntry& read, const Recorded& recorded) {
    CHECK(read.time == recorded.time);
    CHECK(read.message == recorded.subject);
    CHECK(read.kind == recorded.kind);
    CHECK(read.detail == recorded.detail);
    CHECK(read.verdict == recorded.verdict);
}

void check_each_subject(const History& history, const std::vector<Recorded>& recorded, std::uint32_t subjects) {
    for (std::uint32_t subject = 0; subject < subjects; ++subject) {
        std::vector<Recorded> expected;
        for (const auto& r : recorded) {
            if (r.subject == subject) expected.push_back(r);
        }
        const auto entries = history.of(subject);
        REQUIRE(entries.size() == expected.size());
        for (std::size_t j = 0; j < entries.size(); ++j) check_equal(entries[j], expected[j]);
    }
}

History record_all(const std::vector<Recorded>& recorded, std::uint32_t subjects) {
    History history(true);
    for (std::uint32_t i = 0; i < subjects; ++i) history.add_subject();
    for (const auto& r : recorded) history.record(r.time, r.subject, r.kind, r.detail, r.verdict);
    return history;
}

}  // namespace

TEST_CASE("§4.3 a history reads back each subject's entries and all entries in order, with subject and exact time", "[history]") {
    History history(true);
    for (int i = 0; i < 4; ++i) history.add_subject();
    const std::vector<Recorded> recorded = {
        {0, 2, HistoryKind::Sent, 7, Verdict::None},
        {5, 0, HistoryKind::Sent, 1, Verdict::None},
        {5, 2, HistoryKind::Received, 1, Verdict::None},
        {40'000'000, 2, HistoryKind::Invoked, 12, Verdict::Failed},  // past one page's time span
        {40'000'001, 0, HistoryKind::Received, 1, Verdict::None},
        {39'000'000, 3, HistoryKind::Sent, 1, Verdict::None},          // earlier than the entry before
        {2'592'000'000'000, 2, HistoryKind::Deleted, 1, Verdict::Ok},  // thirty days in
    };
    HistoryReader reader;
    for (std::size_t i = 0; i < recorded.size(); ++i) {
        const auto& r = recorded[i];
        history.record(r.time, r.subject, r.kind, r.detail, r.verdict);
        if (i == 3) {  // read part of the way, then take up what is appended later
            for (std::size_t j = 0; j <= 3; ++j) check_equal(*reader.next(history), recorded[j]);
            CHECK_FALSE(reader.next(history));
        }
    }
    for (std::size_t j = 4; j < recorded.size(); ++j) check_equal(*reader.next(history), recorded[j]);
    CHECK_FALSE(reader.next(history));
    CHECK(history.size() == recorded.size());
    check_each_subject(history, recorded, 4);
}

TEST_CASE("§4.3 a history reads back every entry's detail, whether its kind implies it or not", "[history]") {
    std::vector<Recorded> recorded = {
        {0, 0, HistoryKind::Sent, 0, Verdict::None},      // implied: 0
        {1, 1, HistoryKind::Sent, 3, Verdict::None},      // another queue
        {2, 0, HistoryKind::Received, 1, Verdict::None},  // implied: the first receive
        {3, 1, HistoryKind::Received, 1, Verdict::None},
        {4, 0, HistoryKind::Invoked, 9, Verdict::Ok},
        {5, 1, HistoryKind::Received, 2, Verdict::None},
        {6, 0, HistoryKind::Received, 2, Verdict::None},
        {7, 1, HistoryKind::StaleDeleteIgnored, 1, Verdict::None},
        {8, 0, HistoryKind::Deleted, 2, Verdict::None},   // implied: the latest receive
        {9, 1, HistoryKind::Deleted, 1, Verdict::None},   // not the latest receive
        {10, 1, HistoryKind::Received, 7, Verdict::None},  // not one more than those before
    };
    for (std::uint32_t i = 0; i < 40; ++i) {  // a history longer than record() looks back
        recorded.push_back({100 + 2 * i, 2, HistoryKind::Received, i + 1, Verdict::None});
        recorded.push_back({101 + 2 * i, 2, HistoryKind::VisibilityExpired, 0, Verdict::None});
    }
    recorded.push_back({200, 2, HistoryKind::Deleted, 40, Verdict::None});
    recorded.push_back({201, 2, HistoryKind::Deleted, 39, Verdict::None});
    const History history = record_all(recorded, 3);
    HistoryReader reader;
    for (const auto& r : recorded) check_equal(*reader.next(history), r);
    CHECK_FALSE(reader.next(history));
    check_each_subject(history, recorded, 3);
}

TEST_CASE("§4.3 a history reads back 20,000 random entries exactly, with details implied and not", "[history]") {
    std::mt19937 random(14);  // seeded: the same entries every run
    const auto below = [&](std::uint32_t n) { return std::uniform_int_distribution<std::uint32_t>(0, n - 1)(random); };
    constexpr std::uint32_t kSubjects = 300;
    const HistoryKind kinds[] = {HistoryKind::Received, HistoryKind::Received, HistoryKind::Invoked,
                                 HistoryKind::Deleted, HistoryKind::VisibilityExpired, HistoryKind::StaleDeleteIgnored};
    std::vector<std::uint32_t> receives(kSubjects, 0);
    std::vector<Recorded> recorded;
    SimTime time = 0;
    for (int i = 0; i < 20'000; ++i) {
        time += below(10) == 0 ? 20'000'000 : below(3'000);  // now and then, past a page's time span
        if (below(50) == 0) time -= below(1'000'000);          // or back before the entry before
        const std::uint32_t subject = below(kSubjects);
        HistoryKind kind = receives[subject] == 0 && below(2) == 0 ? HistoryKind::Sent : kinds[below(6)];
        std::uint32_t detail = below(4) == 0 ? below(1'000'000) : 0;  // a detail no rule implies
        if (kind == HistoryKind::Received && below(4) != 0) detail = receives[subject] + 1;
        if (kind == HistoryKind::Deleted && below(4) != 0) detail = receives[subject];
        if (kind == HistoryKind::Received) ++receives[subject];
        const Verdict verdict = kind == HistoryKind::Invoked ? (below(2) == 0 ? Verdict::Ok : Verdict::Failed) : Verdict::None;
        recorded.push_back({std::max<SimTime>(time, 0), subject, kind, detail, verdict});
    }
    const History history = record_all(recorded, kSubjects);
    HistoryReader reader;
    for (const auto& r : recorded) check_equal(*reader.next(history), r);
    CHECK_FALSE(reader.next(history));
    check_each_subject(history, recorded, kSubjects);
}

TEST_CASE("§5.28 a detail its kind implies is not stored: the entry takes 8 bytes, not 12", "[history]") {
    const auto implied = record_all({{0, 0, HistoryKind::Sent, 0, Verdict::None},
                                     {1, 0, HistoryKind::Received, 1, Verdict::None},
                                     {2, 0, HistoryKind::Deleted, 1, Verdict::None}}, 1);
    const auto stated = record_all({{0, 0, HistoryKind::Sent, 2, Verdict::None},
                                    {1, 0, HistoryKind::Received, 4, Verdict::None},
                                    {2, 0, HistoryKind::Deleted, 3, Verdict::None}}, 1);
    CHECK(stated.stored_bytes() - implied.stored_bytes() == 3 * sizeof(std::uint32_t));
}

TEST_CASE("§8 --no-history: a history that is not kept records nothing", "[history]") {
    History history(false);
    history.add_subject();
    history.record(1, 0, HistoryKind::Sent, 0);
    CHECK(history.size() == 0);
    CHECK(history.of(0).empty());
    HistoryReader reader;
    CHECK_FALSE(reader.next(history));
}
