module github.com/airops/libairops/bindings/go/airops

go 1.19
