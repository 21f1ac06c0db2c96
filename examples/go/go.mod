module github.com/airops/libairops/examples/go

go 1.19

require github.com/airops/libairops/bindings/go/airops v0.0.0

replace github.com/airops/libairops/bindings/go/airops => ../../bindings/go
