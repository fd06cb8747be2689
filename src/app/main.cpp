// craft: Cyber Resilience Act technical files. One binary: server, CLI and importer.

#include <iostream>

#include "app/commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "craft keeps the evidence the EU Cyber Resilience Act requires for every product version and "
      "turns it into the Annex VII technical file.\nSettings come from flags or CRAFT_* "
      "environment variables (shown beside each flag)."};
  app.name("craft");
  app.require_subcommand(1);
  app.set_version_flag("--version", "craft 0.1.0");
  craft::app::AddServeCommand(app);
  craft::app::AddAdminCommands(app);
  craft::app::AddVulnCommands(app);
  craft::app::AddSbomCommands(app);
  craft::app::AddExportCommands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::cerr << "craft: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
