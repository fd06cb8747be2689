#pragma once
// The CVSS v4.0 MacroVector score table. Internal to src/vuln/cvss.

namespace craft::vuln::cvss {

// The score of the highest-severity vector of MacroVector EQ1..EQ6, or NaN when the specification
// defines no such MacroVector (a digit out of range, or EQ3 = 2 with EQ6 = 0).
double MacroVectorScore(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6);

}  // namespace craft::vuln::cvss
