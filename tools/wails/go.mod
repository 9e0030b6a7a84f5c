module switchboard/tools/wails

go 1.26.0
