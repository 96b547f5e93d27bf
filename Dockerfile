# syntax=docker/dockerfile:1
# One image for the api, the worker and the one-shot migrate service (docker-compose.yml picks the command).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No dependency install scripts, as on developer machines (npm 11 skips them unless approved).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build && npm run build:web \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm -rf test bench .ci coverage

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# The whole built tree, not only dist/: libs/*/templates and other assets are read from disk relative to the repo root.
COPY --from=build /app ./
# The only place the app writes to (MAIL_DIR, the dev mailbox, when SMTP_URL is unset).
RUN mkdir -p var/mail && chown -R node:node var
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
