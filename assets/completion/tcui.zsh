#compdef tcui
# zsh completion for tcui.
# Install: tcui completion zsh > "${fpath[1]}/_tcui" (or a folder of your own in $fpath),
# then start a new shell. The words come from tcui itself: its commands and reports, the
# tasks' IDs with their descriptions, projects and tags.

_tcui() {
    local prog=${words[1]}
    local -a commands ids projects tags
    case $PREFIX in
        project:*|pro:*|proj:*)
            projects=(${(f)"$($prog _projects 2>/dev/null)"})
            compset -P '*:'
            _describe -t projects 'project' projects
            return
            ;;
        [+-]*)
            tags=(${(f)"$($prog _tags 2>/dev/null)"})
            compset -P '[+-]'
            _describe -t tags 'tag' tags
            return
            ;;
    esac
    commands=(${(f)"$($prog _zshcommands 2>/dev/null | sed 's/:[^:]*:/:/')"})
    ids=(${(f)"$($prog _zshids 2>/dev/null)"})
    _describe -t commands 'command' commands
    _describe -t ids 'task' ids
}

_tcui "$@"
