package lint

import "os"

var osReadFile = os.ReadFile
