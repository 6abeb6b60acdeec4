FROM node:24-slim
RUN apt-get update && apt-get install -y --no-install-recommends git ripgrep && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-fund --no-audit
COPY . .
RUN npm run build && npm prune --omit=dev
ENV CODETETHER_HOSTNAME=0.0.0.0
EXPOSE 4096 50051
ENTRYPOINT ["node", "bin/codetether.js"]
CMD ["serve"]
