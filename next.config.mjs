// A static site (ENVIRONMENT.md): `next build` writes out/, which scripts/serve.mjs serves.
/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'export',
  trailingSlash: true,
  images: { unoptimized: true },
  reactStrictMode: true,
  // `next dev` opened via 127.0.0.1 blocks hot reload without this.
  allowedDevOrigins: ['127.0.0.1'],
};

export default nextConfig;
