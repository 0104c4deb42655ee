// Style sheets the file report's script carries as text (esbuild's "text" loader).
declare module "*.css" {
  const text: string;
  export default text;
}
