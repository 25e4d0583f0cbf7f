# Multi-stage build of the portal: one image whose backend also serves the frontend.
#   docker build -t ml-portal .
#   docker run -p 7007:7007 --env-file portal.env ml-portal      (see README: Deploy)
# To build against a private npm registry: --build-arg YARN_NPM_REGISTRY_SERVER=<registry URL>

# --- build: install everything, type-check, build the frontend and the backend bundle ---------
FROM node:22-bookworm-slim AS build
ARG YARN_NPM_REGISTRY_SERVER
ENV YARN_NPM_REGISTRY_SERVER=${YARN_NPM_REGISTRY_SERVER}
RUN apt-get update && apt-get install -y --no-install-recommends python3 g++ make \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
# The yarn release is not committed (see scripts/env.sh): fetch the one .yarnrc.yml names.
RUN mkdir -p .yarn/releases && cd /tmp && npm pack --silent @yarnpkg/cli-dist@4.13.0 \
    && tar xzf yarnpkg-cli-dist-4.13.0.tgz && mv package/bin/yarn.js /app/.yarn/releases/yarn-4.13.0.cjs \
    && rm -rf /tmp/package /tmp/yarnpkg-cli-dist-4.13.0.tgz
RUN node .yarn/releases/yarn-4.13.0.cjs install --immutable \
    && node .yarn/releases/yarn-4.13.0.cjs tsc \
    && node .yarn/releases/yarn-4.13.0.cjs workspace backend build

# --- runtime: production dependencies, the bundle, catalog data, MkDocs for TechDocs ------------
FROM node:22-bookworm-slim
ARG YARN_NPM_REGISTRY_SERVER
ENV YARN_NPM_REGISTRY_SERVER=${YARN_NPM_REGISTRY_SERVER}
# git: the mlp:publish:local scaffolder action keeps projects as git repositories.
RUN apt-get update && apt-get install -y --no-install-recommends \
      python3 python3-venv g++ make libsqlite3-dev git \
    && rm -rf /var/lib/apt/lists/*
# TechDocs are generated in the container with MkDocs (techdocs.generator.runIn: local).
COPY python/requirements-techdocs.txt /tmp/requirements-techdocs.txt
RUN python3 -m venv /opt/mkdocs && /opt/mkdocs/bin/pip install --no-cache-dir -r /tmp/requirements-techdocs.txt
ENV PATH=/opt/mkdocs/bin:$PATH

USER node
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build --chown=node:node /app/.yarn/releases ./.yarn/releases
COPY --chown=node:node .yarnrc.yml backstage.json yarn.lock package.json ./
COPY --from=build --chown=node:node /app/packages/backend/dist/skeleton.tar.gz ./
RUN tar xzf skeleton.tar.gz && rm skeleton.tar.gz \
    && node .yarn/releases/yarn-4.13.0.cjs workspaces focus --all --production \
    && rm -rf "$(node .yarn/releases/yarn-4.13.0.cjs cache clean)"
COPY --from=build --chown=node:node /app/packages/backend/dist/bundle.tar.gz ./
RUN tar xzf bundle.tar.gz && rm bundle.tar.gz && mkdir -p data/techdocs data/published
COPY --chown=node:node catalog ./catalog
COPY --chown=node:node templates ./templates
COPY --chown=node:node guides ./guides
COPY --chown=node:node app-config.yaml app-config.production.yaml ./

EXPOSE 7007
CMD ["node", "packages/backend", "--config", "app-config.yaml", "--config", "app-config.production.yaml"]
