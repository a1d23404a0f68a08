# One image for every role; the role is chosen at run time:
#   docker run -e IM_ROLE=edge   ... tim-server
#   docker run -e IM_ROLE=worker ... tim-server
#   docker run -e IM_ROLE=single -v im-data:/data tim-server      (embedded LMDB store)
# uWebSockets.js ships a native binary built for glibc; keep a Debian (not Alpine) base.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY cluster ./cluster
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production IM_HOST=0.0.0.0 IM_PORT=8080 IM_DATA_DIR=/data IM_ROLE=single
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.IM_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/roles/main.js"]
