#pragma once
// Reading an input file named on the command line (an SBOM to check, convert or scan): whole, up
// to the SBOM size limit, or exit 2 with "craft <command>: <file>: <why>" on stderr.

#include <string>

namespace craft::app {

// `command` is the full command name ("sbom check", "vuln scan").
std::string ReadSbomFile(const std::string& command, const std::string& file);

}  // namespace craft::app
