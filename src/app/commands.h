#pragma once
// The craft command line: one registration function per command group.

#include <CLI/CLI.hpp>

namespace craft::app {

void AddServeCommand(CLI::App& app);
void AddAdminCommands(CLI::App& app);
void AddVulnCommands(CLI::App& app);
void AddExportCommands(CLI::App& app);
void AddSbomCommands(CLI::App& app);
// Under `craft vuln`: import, db stats, scan, rescan.
void AddVulnDatabaseCommands(CLI::App& vuln);
void AddSbomConvertCommands(CLI::App& sbom);

// The data folder every command shares: --data DIR or CRAFT_DATA, default ./var.
void AddDataOption(CLI::App& command, std::string& data_dir);

}  // namespace craft::app
