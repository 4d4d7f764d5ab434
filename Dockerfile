# The nines image: build with the official Swift image, run on plain Ubuntu with GSL.
#   docker build -t registry.example/nines:0.9.0 .
# Scenarios are in /nines/scenarios (the working directory), so `nines k8s-job scenarios/x.json` paths work.
ARG SWIFT_VERSION=6.3
ARG UBUNTU=noble

FROM swift:${SWIFT_VERSION}-${UBUNTU} AS build
# GSL (Reliability) and libxml2 (the Scheduler's workflow XML reader) through pkg-config.
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libgsl-dev libxml2-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Dependencies first, so a source change does not fetch them again.
COPY Package.swift ./
RUN swift package resolve
COPY Sources Sources
RUN swift build -c release --product nines --static-swift-stdlib \
 && install -D "$(swift build -c release --show-bin-path)/nines" /out/nines

FROM ubuntu:${UBUNTU}
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libgsl27 libxml2 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 nines
COPY --from=build /out/nines /usr/local/bin/nines
WORKDIR /nines
COPY scenarios scenarios
USER nines
ENTRYPOINT ["nines"]
CMD ["--help"]
