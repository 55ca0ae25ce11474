# wfgen_add_workflow(<target> PROJECT <project.yml or its directory>
#                    [WORKFLOW <workflow or command>]   default: all
#                    [VARS <name=value>...]             --vars.name=value
#                    [OUTPUTS <path>...]                what other rules may read
#                    [SCHEDULE staged|dataflow]
#                    [JOBS <n>]                         ninja -j
#                    [ALL]                              part of the default build
#                    [COMMENT <text>])
#
# Adds a custom target that, every time it is built, regenerates the
# workflow's Ninja file in the build tree if project.yml (or anything given
# here) changed, then runs ninja on it. Nothing else is decided here: the
# steps that are up to date are skipped by wfgen-run, by content, so building
# the target twice runs nothing the second time.
#
# - The Ninja file and wfgen's step files live in
#   ${CMAKE_CURRENT_BINARY_DIR}/<target>.wfgen (the target's WFGEN_BUILD_DIR
#   property), never in the source tree; the project's records and logs stay
#   in the project's .wfgen/, as with plain `wfgen`, so the project keeps one
#   truth about its outputs whichever build runs it.
# - The target is USES_TERMINAL: under the Ninja generator it runs in the
#   console pool, so the workflow's output appears live (and other jobs of
#   the outer build wait; Ninja gives the terminal to one job at a time).
# - It is an ordinary target: add_dependencies(app <target>) builds the
#   workflow before `app`.
# - OUTPUTS (relative to the project directory, as in project.yml) become
#   the target's BYPRODUCTS, so that a custom command elsewhere may DEPEND
#   on one: the Ninja generator then knows that this target makes it (without
#   that it stops with "missing and no known rule to make it"), and restats
#   it, so the command reruns only when the workflow changed the file. Like
#   every byproduct, `cmake --build . --target clean` deletes them under the
#   Ninja generator.
#
# wfgen is not `wfgen run` here on purpose: `wfgen run` writes build.ninja
# beside project.yml, in the source tree; the outer build wants its files in
# its own build tree (two build trees may run the project with other VARS).
function(wfgen_add_workflow target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "ALL" "PROJECT;WORKFLOW;SCHEDULE;JOBS;COMMENT" "VARS;OUTPUTS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "wfgen_add_workflow(${target}): unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_PROJECT)
    message(FATAL_ERROR "wfgen_add_workflow(${target}): PROJECT <project.yml> is required")
  endif()
  get_filename_component(project "${arg_PROJECT}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(IS_DIRECTORY "${project}")
    set(project "${project}/project.yml")
  endif()
  if(NOT EXISTS "${project}")
    message(FATAL_ERROR "wfgen_add_workflow(${target}): ${project} does not exist")
  endif()
  if(NOT arg_WORKFLOW)
    set(arg_WORKFLOW all)
  endif()

  set(generate_args)
  foreach(var IN LISTS arg_VARS)
    if(NOT var MATCHES "^[^=]+=")
      message(FATAL_ERROR "wfgen_add_workflow(${target}): VARS takes name=value, not '${var}'")
    endif()
    list(APPEND generate_args "--vars.${var}")
  endforeach()
  if(arg_SCHEDULE)
    list(APPEND generate_args --schedule "${arg_SCHEDULE}")
  endif()
  get_filename_component(project_dir "${project}" DIRECTORY)
  set(byproducts)
  foreach(output IN LISTS arg_OUTPUTS)
    get_filename_component(output "${output}" ABSOLUTE BASE_DIR "${project_dir}")
    list(APPEND byproducts "${output}")
  endforeach()
  set(ninja_args)
  if(arg_JOBS)
    list(APPEND ninja_args -j "${arg_JOBS}")
  endif()
  set(all)
  if(arg_ALL)
    set(all ALL)
  endif()
  if(NOT arg_COMMENT)
    set(arg_COMMENT "wfgen: ${arg_WORKFLOW} of ${project}")
  endif()

  set(dir "${CMAKE_CURRENT_BINARY_DIR}/${target}.wfgen")
  # `wfgen` writes files only when their content changes, so running it on
  # every build is cheap and keeps VARS edited in CMakeLists.txt in effect
  # (ninja's own regeneration would repeat the old ones).
  add_custom_target(${target} ${all}
    COMMAND wfgen::wfgen "${project}" -o "${dir}/build.ninja" ${generate_args}
    COMMAND "${WFGEN_NINJA_EXECUTABLE}" -C "${dir}" ${ninja_args} "${arg_WORKFLOW}"
    BYPRODUCTS ${byproducts}
    USES_TERMINAL
    VERBATIM
    COMMENT "${arg_COMMENT}"
    SOURCES "${project}")
  set_target_properties(${target} PROPERTIES
    WFGEN_BUILD_DIR "${dir}"
    WFGEN_PROJECT "${project}")
endfunction()
