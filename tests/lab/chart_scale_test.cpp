// A chart's value axis leaves headroom above the largest value, so a line at its maximum stays
// visible under the top gridline, and counts are drawn as steps (issue 16, item 2).

#include <catch2/catch.hpp>

#include "lab/chart_scale.h"

using queuelab::lab::axis_maximum, queuelab::lab::step_points, queuelab::lab::StepPoint;

TEST_CASE("the value axis ends at a round number at least 10% above the largest value", "[lab]") {
    CHECK(axis_maximum(5) == Approx(6));      // pollers 5: not at the top gridline
    CHECK(axis_maximum(1000) == Approx(1200));
    CHECK(axis_maximum(1) == Approx(2));      // an on-failure queue's step from 0 to 1 is half the height
    CHECK(axis_maximum(0) == Approx(2));
    CHECK(axis_maximum(9.5) == Approx(12));
    CHECK(axis_maximum(2) == Approx(3));      // pollers 2: a whole number, not 2.5
    for (const double value : {0.3, 1.0, 3.0, 7.0, 10.0, 47.0, 99.0, 100.0, 250.0, 1e6}) {
        INFO(value);
        CHECK(axis_maximum(value) >= value * 1.1);
        CHECK(axis_maximum(value) <= value * 2.5 + 2);
    }
}

TEST_CASE("a series is drawn as steps: a value holds until the next sample, the largest per pixel", "[lab]") {
    const auto points = step_points({{0, 0}, {1, 3}, {1, 5}, {2, 5}, {3, 0}});
    REQUIRE(points.size() == 6);
    CHECK(points[0].x == 0);
    CHECK(points[0].y == 0);
    CHECK(points[1].x == 1);  // up at x 1 ...
    CHECK(points[1].y == 0);
    CHECK(points[2].y == 5);  // ... to the largest of the two samples at x 1
    CHECK(points[3].x == 2);
    CHECK(points[3].y == 5);
    CHECK(points[4].x == 3);  // held at 5 until x 3, then down
    CHECK(points[4].y == 5);
    CHECK(points[5].y == 0);
}
