# Multi-stage build: the web app, then the server, then a small runtime image with both.
FROM node:20-bookworm-slim AS web
WORKDIR /src
COPY docs/schema.graphql docs/schema.graphql
COPY frontend/package.json frontend/package-lock.json frontend/
RUN cd frontend && npm ci --no-audit --no-fund
COPY frontend frontend
RUN cd frontend && npm run build

FROM rust:1-bookworm AS server
WORKDIR /src
COPY . .
RUN cargo build --profile production --locked -p workit

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /app workit
WORKDIR /app
COPY --from=server /src/target/production/workit /usr/local/bin/workit
COPY --from=web /src/frontend/dist /app/web
ENV WORKIT_BIND=0.0.0.0:8080 WORKIT_STATIC_DIR=/app/web WORKIT_PRODUCTION=true
USER workit
EXPOSE 8080
HEALTHCHECK CMD ["workit", "healthcheck", "--url", "http://127.0.0.1:8080/readyz"]
ENTRYPOINT ["workit"]
CMD ["serve"]
