# bash completion for tcui (and for `task` when it is an alias of tcui).
# Install: tcui completion bash > ~/.local/share/bash-completion/completions/tcui
# The words come from tcui itself: its commands and reports, the tasks' IDs, projects and tags.

_tcui() {
    local cur prog
    cur="${COMP_WORDS[COMP_CWORD]}"
    prog="${COMP_WORDS[0]}"
    case "$cur" in
        project:*|pro:*|proj:*)
            local prefix="${cur%%:*}:"
            local IFS=$'\n'
            COMPREPLY=($(compgen -P "$prefix" -W "$("$prog" _projects 2>/dev/null)" -- "${cur#*:}"))
            return
            ;;
        +*|-*)
            local sign="${cur:0:1}"
            local IFS=$'\n'
            COMPREPLY=($(compgen -P "$sign" -W "$("$prog" _tags 2>/dev/null)" -- "${cur:1}"))
            return
            ;;
        rc.*)
            return
            ;;
    esac
    local words
    words="$("$prog" _commands 2>/dev/null) $("$prog" _ids 2>/dev/null)"
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
}

complete -o default -F _tcui tcui
# A `task` alias or wrapper that runs tcui completes the same way.
if alias task 2>/dev/null | grep -q tcui; then
    complete -o default -F _tcui task
fi
