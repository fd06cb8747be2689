# Writes OUT: a C++ source defining craft::store::kMigrations, one entry per numbered .sql file.
# FILES lists the .sql files separated by "|" (a ";" would be split by the shell).
string(REPLACE "|" ";" FILES "${FILES}")
set(content "// Generated from src/store/migrations/*.sql; do not edit.\n#include \"store/migrations.h\"\n\nnamespace craft::store {\nconst std::vector<Migration>& Migrations() {\n  static const std::vector<Migration> kMigrations = {\n")
foreach(f IN LISTS FILES)
  get_filename_component(name ${f} NAME_WE)
  string(REGEX MATCH "^[0-9]+" number ${name})
  math(EXPR number "${number} + 0")
  file(READ ${f} sql)
  set(content "${content}      {${number}, \"${name}\", R\"craftsql(${sql})craftsql\"},\n")
endforeach()
set(content "${content}  };\n  return kMigrations;\n}\n}  // namespace craft::store\n")
file(WRITE ${OUT} "${content}")
