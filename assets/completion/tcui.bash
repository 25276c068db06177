# bash completion for tcui (and for `task` when it is an alias of tcui).
# Install: tcui completion bash > ~/.local/share/bash-completion/completions/tcui
# The words come from tcui itself: its commands and reports, the tasks' IDs, projects and tags.

_tcui() {
    # The word being completed, up to the cursor, split at spaces only: `project:Ho` is one
    # word here, though bash's own word breaks would split it at the colon.
    local line="${COMP_LINE:0:COMP_POINT}"
    local cur="${line##*[[:space:]]}"
    local IFS=$'\n'
    local found=()
    case "$cur" in
        project:*|pro:*|proj:*)
            local prefix="${cur%%:*}:"
            found=($(compgen -P "$prefix" -W "$(tcui _projects 2>/dev/null)" -- "${cur#*:}"))
            ;;
        +*|-*)
            local sign="${cur:0:1}"
            found=($(compgen -P "$sign" -W "$(tcui _tags 2>/dev/null)" -- "${cur:1}"))
            ;;
        rc.*)
            ;;
        *)
            found=($(compgen -W "$(tcui _commands 2>/dev/null)"$'\n'"$(tcui _ids 2>/dev/null)" -- "$cur"))
            ;;
    esac
    # Bash replaces only what follows its last word break (`:` among them) in the word.
    local broken="${COMP_WORDS[COMP_CWORD]}"
    if [[ "$cur" == *:* && "$broken" != "$cur" ]]; then
        local head="${cur%"$broken"}"
        found=("${found[@]#"$head"}")
    fi
    COMPREPLY=("${found[@]}")
}

complete -o default -F _tcui tcui
# A `task` alias of tcui completes the same way.
if alias task 2>/dev/null | grep -q tcui; then
    complete -o default -F _tcui task
fi
