# Writes the SPDX licence and exception lists as a C++ source file.
# Usage: cmake -DLICENSES=index.json -DDEPRECATED=deprecated.json -DEXCEPTIONS=index.json
#              -DDEPRECATED_EXCEPTIONS=deprecated.json -DLICENSE_VERSION=x -DEXCEPTION_VERSION=y
#              -DOUT=file.cpp -P generate_license_list.cmake

function(read_ids file out_var)
  file(READ ${file} json)
  string(JSON count LENGTH "${json}")
  set(ids "")
  if(count GREATER 0)
    math(EXPR last "${count} - 1")
    foreach(i RANGE ${last})
      string(JSON id GET "${json}" ${i})
      if(NOT id MATCHES "^[A-Za-z0-9.+-]+$")
        message(FATAL_ERROR "${file}: unexpected SPDX id '${id}'")
      endif()
      list(APPEND ids "${id}")
    endforeach()
  endif()
  set(${out_var} "${ids}" PARENT_SCOPE)
endfunction()

function(append_entries out_var ids deprecated)
  set(text "")
  foreach(id IN LISTS ids)
    string(APPEND text "    {\"${id}\", ${deprecated}},\n")
  endforeach()
  set(${out_var} "${${out_var}}${text}" PARENT_SCOPE)
endfunction()

read_ids(${LICENSES} licenses)
read_ids(${DEPRECATED} deprecated_licenses)
read_ids(${EXCEPTIONS} exceptions)
set(deprecated_exceptions "")
if(EXISTS "${DEPRECATED_EXCEPTIONS}")
  read_ids(${DEPRECATED_EXCEPTIONS} deprecated_exceptions)
endif()

set(license_entries "")
append_entries(license_entries "${licenses}" false)
append_entries(license_entries "${deprecated_licenses}" true)
set(exception_entries "")
append_entries(exception_entries "${exceptions}" false)
append_entries(exception_entries "${deprecated_exceptions}" true)

file(WRITE ${OUT}.tmp "// Generated at build time from the npm packages spdx-license-ids ${LICENSE_VERSION} and
// spdx-exceptions ${EXCEPTION_VERSION} by src/sbom/license/generate_license_list.cmake. Do not edit.
#include \"sbom/license/license_list.h\"

namespace craft::sbom::license_data {

const SpdxListEntry kLicenses[] = {
${license_entries}};
const std::size_t kLicenseCount = sizeof(kLicenses) / sizeof(kLicenses[0]);

const SpdxListEntry kExceptions[] = {
${exception_entries}};
const std::size_t kExceptionCount = sizeof(kExceptions) / sizeof(kExceptions[0]);

const std::string_view kLicenseListSource =
    \"spdx-license-ids ${LICENSE_VERSION}, spdx-exceptions ${EXCEPTION_VERSION}\";

}  // namespace craft::sbom::license_data
")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUT}.tmp)
