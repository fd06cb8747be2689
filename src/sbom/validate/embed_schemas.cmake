# Writes schema files as a C++ source file: an array of {file name, contents}.
# Usage: cmake -DFILES="a.xsd|b.xsd" -DOUT=file.cpp -DSOURCE="npm package x" -P embed_schemas.cmake

string(REPLACE "|" ";" FILES "${FILES}")
set(entries "")
foreach(file IN LISTS FILES)
  get_filename_component(name ${file} NAME)
  file(READ ${file} content)
  string(FIND "${content}" ")schema\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} contains the raw string delimiter )schema\"")
  endif()
  string(APPEND entries "    {\"${name}\", R\"schema(${content})schema\"},\n")
endforeach()
file(WRITE ${OUT}.tmp "// Generated at build time from ${SOURCE} by src/sbom/validate/embed_schemas.cmake.
// Do not edit.
#include \"sbom/validate/embedded_schemas.h\"

namespace craft::sbom {

const EmbeddedSchema kEmbeddedSchemas[] = {
${entries}};
const std::size_t kEmbeddedSchemaCount = sizeof(kEmbeddedSchemas) / sizeof(kEmbeddedSchemas[0]);

}  // namespace craft::sbom
")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUT}.tmp)
