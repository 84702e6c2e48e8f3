/* SPDX-License-Identifier: MIT */
/*
 * The background thread's scenarios (examples/scenarios.c, compiled in
 * here), every scenario under every start method: scenario 1 fails with
 * CPython's exact inheritance error, 2 to 5 succeed.
 */
#define MPROC_SCENARIOS_NO_MAIN
#include "../examples/scenarios.c"

#include "harness.h"

static void check_scenario(void **state, int n) {
  char why[512];
  scenarios_quiet = true;
  int rc = scenario_run(n, TEST_METHOD(state), why, sizeof why);
  if (!scenario_as_expected(n, rc, why))
    print_error("scenario %d: %s: %s\n", n, mproc_err_name(rc), why);
  if (n == 1) {
    assert_int_equal(rc, MPROC_E_INHERITANCE);
    assert_string_equal(why, "Lock objects should only be shared between "
                             "processes through inheritance");
  } else {
    assert_int_equal(rc, 0);
  }
}

static void test_scenario_1(void **state) {
  check_scenario(state, 1);
}
static void test_scenario_2(void **state) {
  check_scenario(state, 2);
}
static void test_scenario_3(void **state) {
  check_scenario(state, 3);
}
static void test_scenario_4(void **state) {
  check_scenario(state, 4);
}
static void test_scenario_5(void **state) {
  check_scenario(state, 5);
}

int main(int argc, char **argv) {
  harness_early_init();
  scenarios_register();
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_scenario_1), cmocka_unit_test(test_scenario_2),
      cmocka_unit_test(test_scenario_3), cmocka_unit_test(test_scenario_4),
      cmocka_unit_test(test_scenario_5),
  };
  return harness_run(argc, argv, "scenarios", tests,
                     sizeof tests / sizeof tests[0]);
}
